package io.inferenceimpact.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Fails a unit-tier test that ran an in-process Kafka broker by any path, also one that does not go
 * through {@link SharedInfrastructure} (for example the demo started in-process). Registered for
 * every test class (junit-platform.properties, extension autodetection); active only where surefire
 * set {@code impact.test.tier=unit}. It watches, through a logback turbo filter, for the broker's
 * own servers consulting their loggers, which they do on start whatever the level.
 */
public final class UnitTierGuard implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  private static final List<String> BROKER_LOGGERS =
      List.of(
          "kafka.server.BrokerServer",
          "kafka.server.ControllerServer",
          "kafka.server.KafkaRaftServer");

  private static final AtomicReference<String> SEEN = new AtomicReference<>();
  private static boolean installed;

  @Override
  public void beforeAll(final ExtensionContext context) {
    install();
  }

  @Override
  public void afterEach(final ExtensionContext context) {
    check(context.getDisplayName());
  }

  @Override
  public void afterAll(final ExtensionContext context) {
    check(context.getDisplayName());
  }

  /** Starts watching, once per JVM, in the unit tier only. */
  static synchronized void install() {
    if (installed || !"unit".equals(System.getProperty(TestTier.PROPERTY))) {
      return;
    }
    final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    final TurboFilter watch =
        new TurboFilter() {
          @Override
          public FilterReply decide(
              final Marker marker,
              final Logger logger,
              final Level level,
              final String format,
              final Object[] params,
              final Throwable t) {
            if (logger != null && BROKER_LOGGERS.contains(logger.getName())) {
              SEEN.compareAndSet(null, logger.getName());
            }
            return FilterReply.NEUTRAL;
          }
        };
    watch.setName("unit-tier-guard");
    watch.start();
    logging.addTurboFilter(watch);
    installed = true;
  }

  /** Fails, once, when a broker ran since the last check. */
  static void check(final String test) {
    final String logger = SEEN.getAndSet(null);
    if (logger != null) {
      throw new IllegalStateException(
          test
              + " ran an in-process Kafka broker ("
              + logger
              + ") in the unit tier (surefire, `mvn test`), which starts no service: name the test"
              + " class *IntegrationTest or *IT so that failsafe runs it");
    }
  }
}
