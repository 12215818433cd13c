package io.inferenceimpact.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Waits until every partition of freshly created topics answers ListOffsets. Producing right after
 * creation can lose records with Kafka 4.4.0's idempotent producer (NOT_LEADER_OR_FOLLOWER, then
 * OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout; cf. KAFKA-14359, KAFKA-15591), so no
 * caller may see a topic before its partition leaders serve requests.
 */
public final class PartitionReadiness {
  private static final long POLL_MILLIS = 50;

  private PartitionReadiness() {}

  public static void await(final Admin admin, final List<String> topics, final Duration timeout)
      throws InterruptedException, TimeoutException, ExecutionException {
    final long deadlineNanos = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        admin
            .listOffsets(partitionsOf(admin, topics, timeout))
            .all()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (final ExecutionException e) {
        // A topic just created may be unknown to the broker that answers, for a moment.
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadlineNanos) {
          throw e;
        }
      }
      // A short fixed poll: leaders of new partitions appear within milliseconds to seconds.
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }

  private static Map<TopicPartition, OffsetSpec> partitionsOf(
      final Admin admin, final List<String> topics, final Duration timeout)
      throws InterruptedException, TimeoutException, ExecutionException {
    final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    final Map<String, TopicDescription> descriptions =
        admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    descriptions
        .values()
        .forEach(
            d ->
                d.partitions()
                    .forEach(
                        p -> request.put(new TopicPartition(d.name(), p.partition()), latest())));
    return request;
  }

  private static OffsetSpec latest() {
    return OffsetSpec.latest();
  }
}
