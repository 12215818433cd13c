package io.inferenceimpact.runtime;

import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.registry.SchemaRegistryException;
import io.inferenceimpact.schemas.registry.SchemaRegistryHttpException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the start of processing until the Schema Registry answers. Without it, a registry that is
 * down when the service starts fails the first task that meets a record, and a few such failures
 * shut the client down; with it the service says once per attempt, in plain words, which registry
 * it waits for and why, retries with a growing pause (1 s doubling up to 30 s), and starts as soon
 * as the registry answers. A registry that answers but refuses (wrong credentials, a URL without
 * the Confluent API: 4xx) is not waited for: that is a configuration error and fails at once.
 */
public final class RegistryGate {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryGate.class);
  static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  static final Duration MAX_PAUSE = Duration.ofSeconds(30);

  /** What the gate waits with; tests pass a recording one. */
  @FunctionalInterface
  public interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  private RegistryGate() {}

  /**
   * Returns once {@code client} answers a cheap call ({@code GET /config}); waits as long as it
   * takes, unless interrupted.
   *
   * @param url the registry's URL, for the messages
   * @return how many attempts failed before it answered
   * @throws SchemaRegistryHttpException when the registry answers with a refusal (4xx other than
   *     408 and 429: credentials, URL)
   */
  public static int await(final SchemaRegistryClient client, final String url, final Pause pause)
      throws InterruptedException {
    Duration next = FIRST_PAUSE;
    for (int failed = 0; ; failed++) {
      try {
        client.getCompatibility(null);
        if (failed > 0) {
          LOG.info("Schema registry {} answers now; starting processing", url);
        }
        return failed;
      } catch (final SchemaRegistryHttpException e) {
        if (refuses(e)) {
          throw e;
        }
        warn(url, e, next);
      } catch (final SchemaRegistryException e) {
        warn(url, e, next);
      }
      pause.sleep(next);
      next = next.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : next.multipliedBy(2);
    }
  }

  /** An answer that waiting will not change: wrong credentials, wrong URL path. */
  private static boolean refuses(final SchemaRegistryHttpException e) {
    final int status = e.httpStatus();
    return status >= 400 && status < 500 && status != 408 && status != 429;
  }

  private static void warn(final String url, final RuntimeException e, final Duration next) {
    LOG.warn(
        "Schema registry {} is not reachable ({}); processing waits for it, next try in {} s",
        url,
        rootCause(e),
        next.toSeconds());
  }

  /** The network failure in words ("connection refused"), else the client's own message. */
  private static String rootCause(final Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return "connection refused";
      }
      if (t instanceof java.net.http.HttpTimeoutException) {
        return "no answer in time";
      }
      if (t instanceof SchemaRegistryHttpException http) {
        return "HTTP " + http.httpStatus();
      }
    }
    return e.getMessage();
  }
}
