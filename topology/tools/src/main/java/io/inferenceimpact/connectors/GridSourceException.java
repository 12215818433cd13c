package io.inferenceimpact.connectors;

/**
 * A grid-intensity source could not deliver a value: the message names the connector and what went
 * wrong, never a credential. {@link #status()} is the HTTP status when there was one, else -1.
 */
public class GridSourceException extends RuntimeException {
  private final String connector;
  private final int status;

  public GridSourceException(final String connector, final int status, final String message) {
    this(connector, status, message, null);
  }

  public GridSourceException(
      final String connector, final int status, final String message, final Throwable cause) {
    super(connector + ": " + message, cause);
    this.connector = connector;
    this.status = status;
  }

  public String connector() {
    return connector;
  }

  public int status() {
    return status;
  }

  /** A short name of the failure for counters: auth, format, http-503, io. */
  public String kind() {
    return status > 0 ? "http-" + status : "io";
  }
}
