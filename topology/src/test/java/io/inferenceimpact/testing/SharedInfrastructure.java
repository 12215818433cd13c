package io.inferenceimpact.testing;

import io.inferenceimpact.embedded.EmbeddedKafkaBroker;
import io.inferenceimpact.embedded.LocalSchemaRegistry;

/**
 * One real broker and one real registry per test JVM, started on first use and stopped when the JVM
 * exits. Starting them costs seconds; integration tests share them and keep apart by using their
 * own topic names and subjects ({@link #unique(String)}).
 */
public final class SharedInfrastructure {

  private static EmbeddedKafkaBroker broker;
  private static LocalSchemaRegistry registry;
  private static long counter;

  private SharedInfrastructure() {}

  public static synchronized EmbeddedKafkaBroker broker() {
    if (broker == null) {
      broker = EmbeddedKafkaBroker.start();
      final EmbeddedKafkaBroker started = broker;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-broker-shutdown"));
    }
    return broker;
  }

  public static synchronized LocalSchemaRegistry registry() {
    if (registry == null) {
      registry = LocalSchemaRegistry.start();
      final LocalSchemaRegistry started = registry;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-registry-shutdown"));
    }
    return registry;
  }

  /** A name no other test in this JVM uses: {@code prefix-<n>-<nanos>}. */
  public static synchronized String unique(final String prefix) {
    return prefix + "-" + (++counter) + "-" + Long.toHexString(System.nanoTime());
  }
}
