package io.inferenceimpact.testing;

/**
 * The two test tiers of the build. Unit tests ({@code *Test}, surefire, {@code mvn test}) need
 * nothing but the JVM and the repository; integration tests ({@code *IntegrationTest}, {@code *IT},
 * failsafe, {@code mvn verify}) start a real broker, registry, Prometheus, nginx or Docker
 * container. Surefire sets the system property {@code impact.test.tier=unit}; every helper that
 * starts such a service calls {@link #requireIntegration(String)} first, so that a test named like
 * a unit test fails at once instead of starting it; {@link UnitTierGuard} fails one that ran a
 * broker by another path (the demo in-process, a broker of its own).
 */
public final class TestTier {
  /** The system property the build's surefire and failsafe configurations set. */
  public static final String PROPERTY = "impact.test.tier";

  private TestTier() {}

  /**
   * Fails with the reason and the fix when called in the unit tier: {@code what} (for example "a
   * Kafka broker") may only be started by integration tests.
   */
  public static void requireIntegration(final String what) {
    if ("unit".equals(System.getProperty(PROPERTY))) {
      throw new IllegalStateException(
          "this test starts "
              + what
              + " but runs in the unit tier (surefire, `mvn test`), which starts no service:"
              + " name the test class *IntegrationTest or *IT so that failsafe runs it"
              + " (`mvn verify`, one alone: -Dit.test=Name verify)");
    }
  }
}
