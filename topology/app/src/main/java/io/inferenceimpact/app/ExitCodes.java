package io.inferenceimpact.app;

/** The exit codes of {@code impact}, as documented in its usage help. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int RUNTIME_FAILURE = 1;
  public static final int USAGE_ERROR = 2;
  public static final int INVALID_CONFIGURATION = 3;

  private ExitCodes() {}
}
