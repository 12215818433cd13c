package io.inferenceimpact.topology.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The writer side of an input partition's progress: it marks from its start, unknown included, so
 * that a reader's discovery hears of it before it has read anything (else the reader would finalise
 * on the other writers alone and call this one's backlog late).
 */
class StampProcessorTest {
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  private TopologyTestDriver driver;
  private TestInputTopic<String, Long> in;
  private TestOutputTopic<String, Stamped<Long>> out;

  @BeforeEach
  void setUp() {
    final StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.Long()))
        .process(
            () ->
                new StampProcessor<Long>(
                    "requests", "in", value -> "k", value -> value, Duration.ofMinutes(10)))
        .to("out", Produced.with(Serdes.String(), new StampedSerde<>(Serdes.Long())));
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "stamp-processor-test");
    props.put(StreamsConfig.STATE_DIR_CONFIG, "target/tmp/stamp-processor-test");
    driver = new TopologyTestDriver(builder.build(), props, NOW);
    in = driver.createInputTopic("in", Serdes.String().serializer(), Serdes.Long().serializer());
    out =
        driver.createOutputTopic(
            "out",
            Serdes.String().deserializer(),
            new StampedSerde<>(Serdes.Long()).deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void shouldMarkFromItsStartWithAnUnknownWatermarkUntilItKnowsOne() {
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    final List<Stamped<Long>> first = out.readValuesToList();
    assertThat(first)
        .singleElement()
        .satisfies(
            mark -> {
              assertThat(mark.isMark()).isTrue();
              assertThat(mark.source()).isEqualTo("requests-0");
              assertThat(mark.watermarkMillis()).isEqualTo(Long.MIN_VALUE);
            });

    final long event = NOW.toEpochMilli() - 60_000;
    in.pipeInput("x", event, event);
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertThat(out.readValuesToList())
        .extracting(Stamped::watermarkMillis)
        .containsExactly(event, event);
  }
}
