package io.inferenceimpact.bench.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * Baseline: a Kafka Streams DSL one-minute windowed count (grace 30 s) of every input record by its
 * key (no repartition: the inputs are keyed already), RocksDB window store with its changelog,
 * results (key, count) to the output topic; {@code exactly_once_v2}, one stream thread, Kafka's
 * defaults otherwise (record cache, commit interval).
 *
 * <p>Its {@link Progress} counts each input record as it enters the topology (its commit follows
 * within the commit interval, 100 ms under exactly-once).
 *
 * <p>Settings: {@code bootstrap}, {@code inputs} (comma-separated), {@code output}, {@code
 * applicationId}, {@code stateDir}, {@code expected} (input records), {@code warmUpApplicationId}
 * and {@code warmUpOutput} (for the warm-up).
 */
final class DslWorkload implements Workload {
  private final KafkaStreams streams;
  private final Progress progress;
  private volatile String failure;

  private final Map<String, String> settings;

  DslWorkload(final Map<String, String> settings) {
    this.settings = settings;
    this.progress = new Progress(Long.parseLong(settings.get("expected")));
    this.streams =
        streams(
            settings.get("applicationId"),
            settings.get("output"),
            settings.get("stateDir"),
            progress);
  }

  private KafkaStreams streams(
      final String applicationId,
      final String output,
      final String stateDir,
      final Progress counter) {
    final StreamsBuilder builder = new StreamsBuilder();
    builder.stream(
            List.of(settings.get("inputs").split(",")),
            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .peek((key, value) -> counter.handled(1))
        .groupByKey(Grouped.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofSeconds(30)))
        .count(Materialized.with(Serdes.ByteArray(), Serdes.Long()))
        .toStream()
        .map((window, count) -> KeyValue.pair(window.key(), count))
        .to(output, Produced.with(Serdes.ByteArray(), Serdes.Long()));
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get("bootstrap"));
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    props.put("consumer.auto.offset.reset", "earliest");
    final KafkaStreams client = new KafkaStreams(builder.build(), props);
    client.setUncaughtExceptionHandler(
        e -> {
          failure = e.toString();
          return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
              .StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    return client;
  }

  /**
   * Runs the same topology under fresh application ids ({@code warmUpApplicationId}-N, output
   * {@code warmUpOutput}, state under {@code stateDir}-warmup) over the whole backlog, one after
   * the other, until {@code seconds} have passed; each is closed and its local state removed.
   */
  @Override
  public void warmUp(final long seconds) throws InterruptedException {
    final long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    int passes = 0;
    while (System.nanoTime() < until && failure == null) {
      final Progress counter = new Progress(Long.parseLong(settings.get("expected")));
      final KafkaStreams client =
          streams(
              settings.get("warmUpApplicationId") + "-" + passes,
              settings.get("warmUpOutput"),
              settings.get("stateDir") + "-warmup",
              counter);
      client.start();
      final long passLimit = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (!counter.done() && failure == null && System.nanoTime() < passLimit) {
        Thread.sleep(50);
      }
      client.close(Duration.ofSeconds(30));
      client.cleanUp();
      passes++;
    }
    System.out.printf("warm-up: %d passes over the backlog in %d s%n", passes, seconds);
  }

  @Override
  public void start() {
    streams.start();
  }

  @Override
  public String state() {
    return streams.state().name();
  }

  @Override
  public String marks(final long cpuAtStart) {
    return progress.marks(cpuAtStart);
  }

  @Override
  public String failure() {
    return failure;
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
  }
}
