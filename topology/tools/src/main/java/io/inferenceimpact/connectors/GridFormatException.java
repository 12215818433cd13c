package io.inferenceimpact.connectors;

/** The source answered, but not in its documented format: the message says what was wrong. */
public final class GridFormatException extends GridSourceException {
  public GridFormatException(final String connector, final String problem) {
    super(connector, -1, "malformed response: " + problem);
  }

  public GridFormatException(final String connector, final String problem, final Throwable cause) {
    super(connector, -1, "malformed response: " + problem, cause);
  }

  @Override
  public String kind() {
    return "format";
  }
}
