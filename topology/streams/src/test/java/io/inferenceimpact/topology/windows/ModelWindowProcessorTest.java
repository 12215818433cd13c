package io.inferenceimpact.topology.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.topology.progress.MarkReader;
import io.inferenceimpact.topology.progress.Marks;
import io.inferenceimpact.topology.progress.TaskProgress;
import io.inferenceimpact.topology.support.JsonSerde;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The window processor behind its mark reader on a TopologyTestDriver: 60 s windows, 30 s grace,
 * contributions and the writers' progress marks piped at explicit event times (seconds after {@link
 * #T0}), the wall clock moved by hand. Two writers, as on {@code model-rates-by-model}: a window
 * closes only when both have passed its end + grace.
 */
class ModelWindowProcessorTest {
  private static final long T0 = Instant.parse("2026-11-27T12:00:00Z").toEpochMilli();
  private final List<ModelImpactWindow> emitted = new ArrayList<>();
  private final List<ModelImpactWindow> live = new ArrayList<>();
  private TopologyTestDriver driver;
  private TestInputTopic<String, WindowContribution> input;

  @BeforeEach
  void setUp() {
    final StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ModelWindowProcessor.STORE),
            Serdes.String(),
            new JsonSerde<>(WindowAggregate.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ModelWindowProcessor.CLOSED_STORE),
            Serdes.String(),
            Serdes.Long()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore("in-sources-store"), Serdes.String(), Serdes.Long()));
    builder.addStateStore(TaskProgress.storeBuilder(ModelWindowProcessor.PROGRESS_STORE));
    builder.stream("in", Consumed.with(Serdes.String(), new JsonSerde<>(WindowContribution.class)))
        .processValues(
            () -> new MarkReader<>("in", "in-sources-store", ModelWindowProcessor.PROGRESS_STORE),
            "in-sources-store",
            ModelWindowProcessor.PROGRESS_STORE)
        .process(
            () ->
                new ModelWindowProcessor(Duration.ofSeconds(60), Duration.ofSeconds(30), live::add),
            ModelWindowProcessor.STORE,
            ModelWindowProcessor.CLOSED_STORE,
            ModelWindowProcessor.PROGRESS_STORE)
        .process(
            () ->
                new Processor<String, ModelImpactWindow, Void, Void>() {
                  @Override
                  public void process(final Record<String, ModelImpactWindow> r) {
                    assertThat(r.key()).startsWith(r.value().getModel() + "|");
                    emitted.add(r.value());
                  }
                });
    final Topology topology = builder.build();
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "model-window-processor-test");
    props.put(StreamsConfig.STATE_DIR_CONFIG, "target/tmp/model-window-processor-test");
    driver = new TopologyTestDriver(topology, props, Instant.ofEpochMilli(T0 + 3_600_000));
    input =
        driver.createInputTopic(
            "in",
            Serdes.String().serializer(),
            new JsonSerde<>(WindowContribution.class).serializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  /** A request of {@code tokens} output tokens ending {@code seconds} after T0. */
  private void request(final long seconds, final long tokens, final String tenant) {
    final long at = T0 + seconds * 1000;
    input.pipeInput(
        "llama",
        new WindowContribution(
            "llama", "FR", tenant, at, new WindowTotals(1, 0, 0, tokens, 10, 0, 0, 12, 1, 0, 0)),
        at);
  }

  /** Writer {@code writer}'s mark: it sends nothing before {@code seconds} after T0 any more. */
  private void mark(final String writer, final long seconds) {
    final long at = T0 + seconds * 1000;
    final RecordHeaders headers = new RecordHeaders();
    headers.add(Marks.HEADER, ByteBuffer.allocate(Long.BYTES).putLong(at).array());
    input.pipeInput(new TestRecord<>(writer, null, headers, at));
  }

  /** Both writers at {@code seconds}. */
  private void marks(final long seconds) {
    mark("w-0", seconds);
    mark("w-1", seconds);
  }

  private void wall(final long seconds) {
    for (long s = 0; s < seconds; s++) {
      driver.advanceWallClockTime(Duration.ofSeconds(1));
    }
  }

  private double late() {
    return driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().group().equals(ModelWindowProcessor.METRIC_GROUP))
        .filter(e -> e.getKey().name().equals("late-window-contributions-total"))
        .mapToDouble(e -> ((Number) ((Metric) e.getValue()).metricValue()).doubleValue())
        .sum();
  }

  private static KeyValue<Instant, Long> startAndTokens(final ModelImpactWindow w) {
    return KeyValue.pair(w.getWindowStart(), w.getOutputTokens());
  }

  @Test
  void shouldCloseAWindowWhenEveryWriterHasPassedItsEndPlusGraceAndDropLaterData() {
    marks(0);
    wall(8); // the reader trusts its writers once it has listened for a while
    request(10, 1, null);
    request(70, 10, null);
    mark("w-0", 95);
    wall(1);
    // The other writer is behind: its contributions to [0, 60) may still come.
    assertThat(emitted).isEmpty();
    request(50, 100, null);

    mark("w-1", 90); // both past 60 + 30: the first window is due
    wall(1);
    assertThat(emitted)
        .extracting(ModelWindowProcessorTest::startAndTokens)
        .containsExactly(KeyValue.pair(Instant.ofEpochMilli(T0), 101L));

    request(20, 10_000, null); // beyond grace: late, not counted, not re-emitted
    assertThat(late()).isEqualTo(1.0);
    marks(200);
    wall(1);
    assertThat(emitted)
        .extracting(ModelWindowProcessorTest::startAndTokens)
        .containsExactly(
            KeyValue.pair(Instant.ofEpochMilli(T0), 101L),
            KeyValue.pair(Instant.ofEpochMilli(T0 + 60_000), 10L));
  }

  @Test
  void shouldCloseNothingOnItsOwnStreamTimeOrTheWallClock() {
    marks(0);
    request(40, 5, null);
    request(500, 5, null); // far ahead in its own stream time
    wall(600);
    assertThat(emitted).isEmpty();

    marks(90);
    wall(1);
    assertThat(emitted).hasSize(1);
    assertThat(emitted.get(0).getOutputTokens()).isEqualTo(5);
  }

  @Test
  void shouldEmitATenantWindowBesideTheZoneWindowAndTellLiveValues() {
    marks(0);
    wall(8);
    request(10, 1, "acme");
    request(20, 2, null);
    assertThat(live).extracting(ModelImpactWindow::getOutputTokens).containsExactly(1L, 1L, 3L);
    marks(100);
    wall(1);

    assertThat(emitted).hasSize(2);
    assertThat(emitted)
        .filteredOn(w -> w.getTenant() == null)
        .singleElement()
        .satisfies(w -> assertThat(w.getOutputTokens()).isEqualTo(3));
    assertThat(emitted)
        .filteredOn(w -> "acme".equals(w.getTenant()))
        .singleElement()
        .satisfies(w -> assertThat(w.getRequests()).isEqualTo(1));
  }
}
