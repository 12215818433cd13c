package io.inferenceimpact.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;

/**
 * The broker's view of an application's transactions (exactly_once_v2: one transactional id per
 * stream thread, {@code <application.id>-<process id>-<thread>}), used to kill an instance while
 * one of its transactions is open.
 */
final class OpenTransactions {
  private OpenTransactions() {}

  /**
   * Waits until the broker reports a transaction of {@code applicationId} as ONGOING, freezes the
   * instance (SIGSTOP), and if the transaction is still ONGOING a moment later — the frozen process
   * can no longer commit it — kills it (kill -9); otherwise lets it go on and waits for the next.
   * Returns what the broker reports about the application's transactions right after the kill.
   */
  static Map<String, TransactionDescription> killInsideOne(
      final AppInstance app,
      final String bootstrap,
      final String applicationId,
      final Duration limit)
      throws Exception {
    final Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      final long deadline = System.nanoTime() + limit.toNanos();
      while (System.nanoTime() < deadline) {
        if (!ongoing(admin, applicationId).isEmpty()) {
          app.suspend();
          Thread.sleep(300); // an end of transaction already on its way reaches the broker
          if (!ongoing(admin, applicationId).isEmpty()) {
            app.kill();
            return describe(admin, applicationId);
          }
          app.resume();
        }
        Thread.sleep(20);
      }
      throw new AssertionError(
          "no transaction of " + applicationId + " was seen open within " + limit);
    }
  }

  /** The application's transactions as the broker describes them now, by transactional id. */
  static Map<String, TransactionDescription> describe(
      final String bootstrap, final String applicationId) throws Exception {
    final Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      return describe(admin, applicationId);
    }
  }

  private static Map<String, TransactionDescription> describe(
      final Admin admin, final String applicationId) throws Exception {
    final List<String> ids =
        admin.listTransactions().all().get().stream()
            .map(TransactionListing::transactionalId)
            .filter(id -> id.startsWith(applicationId + "-"))
            .toList();
    return admin.describeTransactions(ids).all().get();
  }

  private static List<String> ongoing(final Admin admin, final String applicationId)
      throws Exception {
    return admin
        .listTransactions(
            new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING)))
        .all()
        .get()
        .stream()
        .map(TransactionListing::transactionalId)
        .filter(id -> id.startsWith(applicationId + "-"))
        .toList();
  }
}
