package io.inferenceimpact.bench.live;

import io.inferenceimpact.embedded.EmbeddedKafkaBroker;
import java.time.Duration;

/**
 * A single-node Kafka broker in its own JVM for the live benchmark: the product's {@link
 * EmbeddedKafkaBroker} on a free port of 127.0.0.1, its data in a temp folder deleted on close.
 * Answers {@code READY <bootstrap servers>}, then runs until {@code STOP}, the end of its input, a
 * signal, or its time limit (first argument, seconds).
 */
public final class BrokerMain {
  private BrokerMain() {}

  public static void main(final String[] args) throws Exception {
    ChildSide.watchdog(Duration.ofSeconds(Long.parseLong(args[0])));
    final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-close"));
    ChildSide.answer("READY " + broker.bootstrapServers());
    ChildSide.serve(command -> "unknown command");
    broker.close();
    System.exit(0);
  }
}
