package io.inferenceimpact.connectors;

import io.inferenceimpact.avro.GridIntensity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes to the compacted grid-intensity topic: key = zone, record timestamp = valid_from (the
 * as-of join versions the zone's values by it), value = Avro GridIntensity.
 */
public final class KafkaGridPublisher implements GridPublisher {
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

  private final Producer<String, GridIntensity> producer;
  private final String topic;

  public KafkaGridPublisher(final Producer<String, GridIntensity> producer, final String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  @Override
  public void publish(final List<GridIntensity> values) {
    final List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (final GridIntensity value : values) {
      sent.add(
          producer.send(
              new ProducerRecord<>(
                  topic, null, value.getValidFrom().toEpochMilli(), value.getZone(), value)));
    }
    producer.flush();
    for (final Future<RecordMetadata> future : sent) {
      try {
        future.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while publishing to " + topic, e);
      } catch (final ExecutionException | TimeoutException e) {
        throw new IllegalStateException("could not publish to " + topic + ": " + e, e);
      }
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
