package io.inferenceimpact.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one REST call to the registry on the JDK HTTP client: adds auth headers, retries 5xx, 408,
 * 429, timeouts and connection errors with {@link Backoff}, fails over between the configured URLs
 * (and sticks to the last one that answered), and turns 4xx answers into {@link
 * SchemaRegistryHttpException} at once.
 */
final class RegistryHttpTransport {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, "
          + "application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
  private static final int MAX_BODY_IN_MESSAGE = 300;

  private final SchemaRegistryClientConfig config;
  private final HttpClient http;
  private final Backoff backoff;
  private final ObjectMapper json;
  private final AtomicInteger preferredUrl = new AtomicInteger();

  RegistryHttpTransport(final SchemaRegistryClientConfig config, final ObjectMapper json) {
    this.config = config;
    this.json = json;
    this.backoff = new Backoff(config.retriesWaitMs(), config.retriesMaxWaitMs());
    final HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL);
    config.sslContext().ifPresent(builder::sslContext);
    this.http = builder.build();
  }

  /**
   * Sends {@code method path} with an optional JSON body and returns the response body.
   *
   * @param what the operation and its subject or id, for error messages
   */
  String send(final String method, final String path, final String jsonBody, final String what) {
    final List<URI> urls = config.baseUrls();
    final int attempts = Math.max(config.maxRetries() + 1, urls.size());
    final int first = preferredUrl.get();
    Exception lastFailure = null;
    String lastUrl = null;
    for (int attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) {
        pause(backoff.delayMillis(attempt - 1), method, lastUrl, what);
      }
      final int index = (first + attempt) % urls.size();
      lastUrl = urls.get(index) + path;
      try {
        final HttpResponse<String> response =
            http.send(
                request(method, lastUrl, jsonBody),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        final int status = response.statusCode();
        if (status < 300) {
          preferredUrl.set(index);
          return response.body();
        }
        final SchemaRegistryHttpException error =
            httpError(method + " " + lastUrl + " (" + what + ")", status, response.body());
        if (status < 500 && status != 408 && status != 429) {
          throw error;
        }
        lastFailure = error;
      } catch (IOException e) {
        lastFailure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException(
            method + " " + lastUrl + " (" + what + ") interrupted", e);
      }
    }
    throw new SchemaRegistryException(
        "Schema registry call "
            + method
            + " "
            + lastUrl
            + " ("
            + what
            + ") failed after "
            + attempts
            + " attempts over "
            + urls
            + ": "
            + describe(lastFailure),
        lastFailure);
  }

  private HttpRequest request(final String method, final String url, final String jsonBody) {
    final HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(config.requestTimeout())
            .header("Accept", ACCEPT)
            .method(
                method,
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    if (jsonBody != null) {
      builder.header("Content-Type", CONTENT_TYPE);
    }
    for (final Map.Entry<String, String> header : config.credentials().headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    return builder.build();
  }

  private SchemaRegistryHttpException httpError(
      final String context, final int status, final String body) {
    int errorCode = status;
    String message = body == null ? "" : body;
    try {
      final JsonNode node = json.readTree(message);
      if (node != null && node.isObject()) {
        errorCode = node.path("error_code").asInt(status);
        message = node.path("message").asText(message);
      }
    } catch (IOException notJson) {
      // keep the raw (shortened) body as the message
    }
    if (message.length() > MAX_BODY_IN_MESSAGE) {
      message = message.substring(0, MAX_BODY_IN_MESSAGE) + "…";
    }
    return new SchemaRegistryHttpException(context, status, errorCode, message);
  }

  /** How many times a call may be retried (the client's {@code max.retries}). */
  int maxRetries() {
    return config.maxRetries();
  }

  /** Waits as this transport waits before its retry {@code retryIndex} (0-based). */
  void pauseBeforeRetry(final int retryIndex, final String method, final String what) {
    pause(backoff.delayMillis(retryIndex), method, "", what);
  }

  private static void pause(
      final long millis, final String method, final String url, final String what) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(method + " " + url + " (" + what + ") interrupted", e);
    }
  }

  private static String describe(final Exception failure) {
    if (failure == null) {
      return "no attempt made";
    }
    final String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
