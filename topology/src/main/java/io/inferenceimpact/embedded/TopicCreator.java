package io.inferenceimpact.embedded;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Creates topics and returns only when every partition answers ListOffsets. Producing right after
 * creation can lose records with Kafka 4.4.0's idempotent producer (NOT_LEADER_OR_FOLLOWER, then
 * OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout; cf. KAFKA-14359, KAFKA-15591), so
 * callers must not see a topic before its partition leaders serve requests.
 */
final class TopicCreator {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 50;

  private final String bootstrapServers;

  TopicCreator(final String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  void createAndAwait(final NewTopic... topics) {
    final Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) TIMEOUT.toMillis());
    try (Admin admin = Admin.create(config)) {
      admin
          .createTopics(Arrays.asList(topics))
          .all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      awaitListOffsets(admin, partitionsOf(admin, topics));
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not create topics " + Arrays.toString(topics), e);
    }
  }

  private static void awaitListOffsets(final Admin admin, final List<TopicPartition> partitions)
      throws InterruptedException, TimeoutException {
    final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(partition -> request.put(partition, OffsetSpec.latest()));
    final long deadlineNanos = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      try {
        admin.listOffsets(request).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (final ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadlineNanos) {
          throw new IllegalStateException("Partitions did not become available: " + partitions, e);
        }
      }
      // No waiting library in main code; a short fixed poll is enough for a local broker.
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }

  /** Asks the broker, since a NewTopic may leave the partition count to the broker default. */
  private static List<TopicPartition> partitionsOf(final Admin admin, final NewTopic... topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    final List<String> names = Arrays.stream(topics).map(NewTopic::name).toList();
    final Map<String, TopicDescription> descriptions =
        admin.describeTopics(names).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return descriptions.values().stream()
        .flatMap(
            description ->
                description.partitions().stream()
                    .map(
                        partition -> new TopicPartition(description.name(), partition.partition())))
        .toList();
  }
}
