package io.inferenceimpact.topology.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.topology.attribution.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The window processor alone on a TopologyTestDriver: 60 s windows, 30 s grace, contributions piped
 * at explicit event times (seconds after {@link #T0}), the wall clock moved by hand.
 */
class ModelWindowProcessorTest {
  private static final long T0 = Instant.parse("2026-11-27T12:00:00Z").toEpochMilli();
  private final List<ModelImpactWindow> emitted = new ArrayList<>();
  private final List<ModelImpactWindow> live = new ArrayList<>();
  private TopologyTestDriver driver;
  private TestInputTopic<String, WindowContribution> input;

  @BeforeEach
  void setUp() {
    final Topology topology = new Topology();
    topology.addSource(
        "in",
        Serdes.String().deserializer(),
        new JsonSerde<>(WindowContribution.class).deserializer(),
        "in");
    topology.addProcessor(
        "windows",
        (ProcessorSupplier<String, WindowContribution, String, ModelImpactWindow>)
            () ->
                new ModelWindowProcessor(Duration.ofSeconds(60), Duration.ofSeconds(30), live::add),
        "in");
    topology.addProcessor(
        "collect",
        (ProcessorSupplier<String, ModelImpactWindow, Void, Void>)
            () ->
                new Processor<>() {
                  @Override
                  public void process(final Record<String, ModelImpactWindow> r) {
                    assertThat(r.key()).startsWith(r.value().getModel() + "|");
                    emitted.add(r.value());
                  }
                },
        "windows");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ModelWindowProcessor.STORE),
            Serdes.String(),
            new JsonSerde<>(WindowAggregate.class)),
        "windows");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ModelWindowProcessor.CLOSED_STORE),
            Serdes.String(),
            Serdes.Long()),
        "windows");
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

  private void wall(final long seconds) {
    driver.advanceWallClockTime(Duration.ofSeconds(seconds));
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
  void shouldCountDataWithinGraceAndDropDataBeyondItWithoutEmittingAgain() {
    request(10, 1, null);
    request(70, 10, null);
    request(50, 100, null); // stream time 70 < end 60 + grace 30: still counted
    wall(1);
    assertThat(emitted).isEmpty();

    request(95, 1_000, null); // stream time 95 ≥ 90: the first window is due
    wall(1);
    assertThat(emitted)
        .extracting(ModelWindowProcessorTest::startAndTokens)
        .containsExactly(KeyValue.pair(Instant.ofEpochMilli(T0), 101L));

    request(20, 10_000, null); // beyond grace: late, not counted, not re-emitted
    assertThat(late()).isEqualTo(1.0);
    wall(120);
    assertThat(emitted)
        .extracting(ModelWindowProcessorTest::startAndTokens)
        .containsExactly(
            KeyValue.pair(Instant.ofEpochMilli(T0), 101L),
            KeyValue.pair(Instant.ofEpochMilli(T0 + 60_000), 1_010L));
    assertThat(emitted.get(1).getRequests()).isEqualTo(2);
  }

  @Test
  void shouldEmitTheLastWindowOnTheWallClockWhenTrafficStops() {
    request(40, 5, null); // window [0, 60) closes at event time 90: 50 s after stream time
    wall(48);
    assertThat(emitted).isEmpty();

    wall(3);
    assertThat(emitted).hasSize(1);
    assertThat(emitted.get(0).getOutputTokens()).isEqualTo(5);
    wall(600);
    assertThat(emitted).hasSize(1);
  }

  @Test
  void shouldEmitATenantWindowBesideTheZoneWindowAndTellLiveValues() {
    request(10, 1, "acme");
    request(20, 2, null);
    assertThat(live).extracting(ModelImpactWindow::getOutputTokens).containsExactly(1L, 1L, 3L);
    wall(100);

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
