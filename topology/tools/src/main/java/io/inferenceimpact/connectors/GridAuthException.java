package io.inferenceimpact.connectors;

/**
 * The source refused the credentials (HTTP 401 or 403). Never retried: the message says which
 * credential to check (by its variable name), never its value.
 */
public final class GridAuthException extends GridSourceException {
  public GridAuthException(final String connector, final int status, final String credential) {
    super(
        connector,
        status,
        "HTTP "
            + status
            + (status == 401 ? " unauthorized" : " forbidden")
            + ": check "
            + credential);
  }

  @Override
  public String kind() {
    return "auth";
  }
}
