package io.inferenceimpact.connectors;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET requests of one connector against its base URL: timeouts, bounded retries with exponential
 * backoff and jitter on 5xx and I/O failures (timeouts, refused connections), waits for 429
 * Retry-After (capped), and typed errors: {@link GridAuthException} for 401/403 (never retried),
 * {@link GridSourceException} with the status otherwise. Header values are never logged.
 */
public final class GridHttp {
  private static final Logger LOG = LoggerFactory.getLogger(GridHttp.class);

  private final String connector;
  private final URI baseUrl;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final HttpClient client;

  public GridHttp(
      final String connector, final URI baseUrl, final RetryPolicy policy, final Sleeper sleeper) {
    this.connector = connector;
    final String text = baseUrl.toString();
    this.baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.policy = policy;
    this.sleeper = sleeper;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(policy.connectTimeout())
            // HTTP/1.1: no h2c upgrade headers towards plain-HTTP proxies; one request every few
            // minutes gains nothing from HTTP/2
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  public String connector() {
    return connector;
  }

  /**
   * The body of a 2xx answer to {@code GET base + pathAndQuery}.
   *
   * @param credential what to tell the user to check on 401/403 (a variable name), or null
   */
  public String get(
      final String pathAndQuery, final Map<String, String> headers, final String credential) {
    final HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
            .timeout(policy.readTimeout())
            .header("Accept", "application/json")
            .GET();
    headers.forEach(builder::header);
    final HttpRequest request = builder.build();
    GridSourceException last = null;
    for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
      Duration wait;
      try {
        final HttpResponse<String> response =
            client.send(request, HttpResponse.BodyHandlers.ofString());
        final int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return response.body();
        }
        if (status == 401 || status == 403) {
          throw new GridAuthException(
              connector, status, credential == null ? "access" : credential);
        }
        if (status == 429) {
          wait =
              RetryAfter.parse(
                  response.headers(), policy.maxRetryAfter(), policy.backoffCap(attempt));
          last =
              new GridSourceException(connector, 429, "rate limited (HTTP 429) on " + pathAndQuery);
        } else if (status >= 500) {
          wait = jittered(policy.backoffCap(attempt));
          last =
              new GridSourceException(connector, status, "HTTP " + status + " on " + pathAndQuery);
        } else {
          throw new GridSourceException(
              connector, status, "HTTP " + status + " on " + pathAndQuery);
        }
      } catch (final HttpTimeoutException e) {
        wait = jittered(policy.backoffCap(attempt));
        last = new GridSourceException(connector, -1, "timed out on " + pathAndQuery, e);
      } catch (final IOException e) {
        wait = jittered(policy.backoffCap(attempt));
        last =
            new GridSourceException(connector, -1, "I/O failure on " + pathAndQuery + ": " + e, e);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GridSourceException(connector, -1, "interrupted", e);
      }
      if (attempt < policy.maxAttempts()) {
        LOG.debug(
            "{}: attempt {} failed ({}), retrying in {}",
            connector,
            attempt,
            last.getMessage(),
            wait);
        pause(wait);
      }
    }
    throw new GridSourceException(
        connector,
        last.status(),
        last.getMessage().substring(connector.length() + 2)
            + " (gave up after "
            + policy.maxAttempts()
            + " attempts)",
        last.getCause());
  }

  private void pause(final Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GridSourceException(connector, -1, "interrupted", e);
    }
  }

  /** "Equal jitter": half the cap plus a random part of the other half. */
  static Duration jittered(final Duration cap) {
    final long half = cap.toMillis() / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }
}
