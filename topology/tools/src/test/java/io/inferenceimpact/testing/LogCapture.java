package io.inferenceimpact.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects every log event of this JVM that its loggers let through (messages with their stack
 * traces), from our code and from the Kafka clients, while open: for tests that grep the log for
 * secrets or count lines. Levels of the loggers it lowers are restored on close.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<String> lines = new ArrayList<>();
  private final Logger root;
  private final List<Logger> lowered = new ArrayList<>();
  private final List<Level> before = new ArrayList<>();

  private final LoggerContext context;

  private LogCapture(final Level level, final String... loggers) {
    context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    setContext(context);
    setName("log-capture");
    lower(level, loggers);
    start();
    root.addAppender(this);
  }

  /**
   * Starts capturing; {@code loggers} log from {@code level} on meanwhile (more to search than the
   * test configuration lets through).
   */
  public static LogCapture start(final Level level, final String... loggers) {
    return new LogCapture(level, loggers);
  }

  /** Lets {@code loggers} log at DEBUG too while capturing. */
  public void debug(final String... loggers) {
    lower(Level.DEBUG, loggers);
  }

  private void lower(final Level level, final String... loggers) {
    for (final String name : loggers) {
      final Logger logger = context.getLogger(name);
      lowered.add(logger);
      before.add(logger.getLevel());
      logger.setLevel(level);
    }
  }

  @Override
  protected synchronized void append(final ILoggingEvent event) {
    final String throwable =
        event.getThrowableProxy() == null
            ? ""
            : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
    lines.add(
        event.getLevel()
            + " "
            + event.getLoggerName()
            + " - "
            + event.getFormattedMessage()
            + throwable);
  }

  /** Every event so far, one string each (multi-line with a stack trace). */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  public synchronized String text() {
    return String.join("\n", lines);
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
    for (int i = 0; i < lowered.size(); i++) {
      lowered.get(i).setLevel(before.get(i));
    }
  }
}
