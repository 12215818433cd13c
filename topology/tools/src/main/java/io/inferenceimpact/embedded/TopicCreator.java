package io.inferenceimpact.embedded;

import io.inferenceimpact.runtime.PartitionReadiness;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates topics and returns only when every partition answers ({@link PartitionReadiness}). */
final class TopicCreator {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, Object> clientProperties;

  /**
   * @param clientProperties bootstrap servers and, for a secured listener, its client settings
   */
  TopicCreator(final Map<String, String> clientProperties) {
    this.clientProperties = Map.copyOf(clientProperties);
  }

  void createAndAwait(final NewTopic... topics) {
    final Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    try (Admin admin = Admin.create(config)) {
      admin
          .createTopics(Arrays.asList(topics))
          .all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      PartitionReadiness.await(admin, Arrays.stream(topics).map(NewTopic::name).toList(), TIMEOUT);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not create topics " + Arrays.toString(topics), e);
    }
  }
}
