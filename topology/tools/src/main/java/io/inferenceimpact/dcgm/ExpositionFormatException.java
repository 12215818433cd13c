package io.inferenceimpact.dcgm;

/** A scrape answer that is not Prometheus exposition text; names the line and what is wrong. */
public final class ExpositionFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int SHOWN = 120;

  ExpositionFormatException(final int lineNumber, final String problem, final String line) {
    super(
        "line "
            + lineNumber
            + ": "
            + problem
            + " in '"
            + (line.length() > SHOWN ? line.substring(0, SHOWN) + "…" : line)
            + "'");
  }
}
