package io.inferenceimpact.subscribe;

import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.schemas.serde.AvroWireFormatException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Follows the alerts topic: assigns itself every partition (no consumer group, so that any number
 * of tails can watch without moving each other's offsets or committing anything), starts at the end
 * or the beginning, decodes each value and hands the alerts that pass the filter to a sink until
 * the wanted count was shown, the time limit passed, or {@link #stop()} was called (from another
 * thread, e.g. a shutdown hook).
 *
 * <p>Tombstones (null values, which compaction of the keyed topic may leave) carry no state change
 * — the RESOLVED record before them does — so they are skipped and not counted. A record that can
 * never decode is reported to the notice sink and skipped; a registry that cannot be reached, or a
 * broker that does not answer while connecting, ends the tail with a {@link TailFailure}.
 */
public final class AlertTail {
  private static final Duration POLL = Duration.ofMillis(200);

  /**
   * @param topic the alerts topic
   * @param fromBeginning start with the records already in the topic, else only new ones
   * @param filter which alerts to show
   * @param maxAlerts stop after showing this many; 0 for no limit
   * @param timeout stop after this long; null for no limit
   * @param connectTimeout how long the broker may take to describe the topic
   */
  public record Options(
      String topic,
      boolean fromBeginning,
      AlertFilter filter,
      long maxAlerts,
      Duration timeout,
      Duration connectTimeout) {}

  /** Why the tail ended. */
  public enum Stop {
    MAX_ALERTS,
    TIMEOUT,
    STOPPED
  }

  /** How the tail ended and what it saw. */
  public record Outcome(Stop stop, long shown, long filteredOut, long undecodable) {}

  /** The tail cannot go on: broker or registry unreachable, or the topic does not exist. */
  public static final class TailFailure extends Exception {
    public TailFailure(final String message, final Throwable cause) {
      super(message, cause);
    }
  }

  private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
  private final Deserializer<ImpactAlert> values;
  private final Options options;
  private volatile boolean stopRequested;
  private long shown;
  private long filteredOut;
  private long undecodable;

  /**
   * @param consumer a consumer this tail owns from now on (it closes it)
   * @param values decodes record values (Confluent wire format through the registry)
   */
  public AlertTail(
      final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
      final Deserializer<ImpactAlert> values,
      final Options options) {
    this.consumer = consumer;
    this.values = values;
    this.options = options;
  }

  /**
   * Positions on the topic, tells {@code ready} where it starts, then shows alerts until a stop
   * condition; always closes the consumer.
   */
  public Outcome run(
      final Consumer<String> ready,
      final Consumer<ImpactAlert> sink,
      final Consumer<String> notices)
      throws TailFailure {
    try (consumer) {
      final List<TopicPartition> partitions = position();
      ready.accept(
          "following "
              + options.topic()
              + " ("
              + partitions.size()
              + (partitions.size() == 1 ? " partition" : " partitions")
              + ") from "
              + (options.fromBeginning() ? "the beginning" : "the end"));
      return follow(sink, notices);
    } catch (final WakeupException stopped) {
      return outcome(Stop.STOPPED);
    }
  }

  /** Ends {@link #run} soon, from any thread. */
  public void stop() {
    stopRequested = true;
    consumer.wakeup();
  }

  private List<TopicPartition> position() throws TailFailure {
    final List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(options.topic(), options.connectTimeout());
    } catch (final TimeoutException e) {
      throw new TailFailure(
          "no answer from the Kafka cluster within " + options.connectTimeout(), e);
    }
    if (infos == null || infos.isEmpty()) {
      throw new TailFailure(
          "topic " + options.topic() + " does not exist (`impact topics create` creates it)", null);
    }
    final List<TopicPartition> partitions =
        infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    if (options.fromBeginning()) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
    }
    try {
      // Resolves the lazy seeks now, so that every record produced after "ready" is seen.
      partitions.forEach(p -> consumer.position(p, options.connectTimeout()));
    } catch (final TimeoutException e) {
      throw new TailFailure(
          "the Kafka cluster did not give the offsets of "
              + options.topic()
              + " within "
              + options.connectTimeout(),
          e);
    }
    return partitions;
  }

  private Outcome follow(final Consumer<ImpactAlert> sink, final Consumer<String> notices)
      throws TailFailure {
    final boolean limited = options.timeout() != null;
    final long deadline = limited ? System.nanoTime() + options.timeout().toNanos() : 0;
    while (!stopRequested) {
      final long leftNanos = limited ? deadline - System.nanoTime() : POLL.toNanos();
      if (leftNanos <= 0) {
        return outcome(Stop.TIMEOUT);
      }
      final Duration poll = Duration.ofNanos(Math.min(leftNanos, POLL.toNanos()));
      for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(poll)) {
        if (record.value() == null) {
          continue; // tombstone: see the class comment
        }
        final ImpactAlert alert;
        try {
          alert = values.deserialize(record.topic(), record.headers(), record.value());
        } catch (final AvroWireFormatException e) {
          undecodable++;
          notices.accept(
              "skipped undecodable record at partition "
                  + record.partition()
                  + " offset "
                  + record.offset()
                  + ": "
                  + e.getMessage());
          continue;
        } catch (final SerializationException e) {
          throw new TailFailure("cannot decode alerts: " + e.getMessage(), e);
        }
        if (!options.filter().accepts(alert)) {
          filteredOut++;
          continue;
        }
        sink.accept(alert);
        shown++;
        if (options.maxAlerts() > 0 && shown >= options.maxAlerts()) {
          return outcome(Stop.MAX_ALERTS);
        }
      }
    }
    return outcome(Stop.STOPPED);
  }

  private Outcome outcome(final Stop stop) {
    return new Outcome(stop, shown, filteredOut, undecodable);
  }
}
