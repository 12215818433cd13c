package io.inferenceimpact.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drops the log lines of the Kafka clients, Kafka Streams and the embedded broker that report a
 * condition they retry and recover from by themselves, or advice the service already follows, so
 * that what remains needs the reader's attention (a logback filter of the application's console,
 * logback.xml). Each rule names the logger, the level and the text (or exception) of one known
 * line, as Kafka 4.4.0 writes it; anything else passes, including other lines of the same loggers.
 * The lines dropped:
 *
 * <ul>
 *   <li>a consumer asking for metadata of Kafka Streams' own internal topics (names ending in
 *       {@code -repartition} or {@code -changelog}) while they are being created, which Streams
 *       does after its consumers subscribe: {@code UNKNOWN_TOPIC_OR_PARTITION} or {@code
 *       LEADER_NOT_AVAILABLE} for those topics only. The same answer for any other topic (a missing
 *       input topic) passes;
 *   <li>a transactional producer's produce request retried while the previous transaction of the
 *       same producer is still being completed ({@code CONCURRENT_TRANSACTIONS}) or after the
 *       broker answered {@code OUT_OF_ORDER_SEQUENCE_NUMBER} to the first batch of a fresh
 *       producer; a request that finally fails is logged by other lines, which pass;
 *   <li>the embedded broker's own record of that answer ({@code ReplicaManager}, with the
 *       OutOfOrderSequenceException's stack trace), its controller channel's notice at shutdown
 *       that its client was already closed, and its failure to create one of Kafka's own topics
 *       ({@code __consumer_offsets}, {@code __transaction_state}) because a concurrent request has
 *       just created it ({@code TOPIC_ALREADY_EXISTS});
 *   <li>Kafka Streams' advice to set {@code processing.exception.handler.global.enabled}, which the
 *       service sets (ImpactTopology.streamsConfig) and Kafka Streams logs anyway from a
 *       configuration it derives without it.
 * </ul>
 */
public final class TransientKafkaNoise extends Filter<ILoggingEvent> {
  private static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";
  private static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";

  /** The {@code {topic=ERROR, ...}} map at the end of a metadata warning. */
  private static final Pattern TOPIC_ERRORS = Pattern.compile("\\{([^{}]+)\\}\\s*$");

  private static final Set<String> TOPIC_BEING_CREATED =
      Set.of("UNKNOWN_TOPIC_OR_PARTITION", "LEADER_NOT_AVAILABLE");

  private record Rule(String logger, Level level, Predicate<ILoggingEvent> line) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              NETWORK_CLIENT,
              Level.WARN,
              e -> message(e).contains("metadata") && onlyInternalTopicsBeingCreated(message(e))),
          new Rule(
              NETWORK_CLIENT,
              Level.WARN,
              e ->
                  message(e).contains("NodeToControllerChannelManager")
                      && message(e)
                          .contains(
                              "Attempting to close NetworkClient that has already been closed")),
          new Rule(
              "org.apache.kafka.server.DefaultAutoTopicCreationManager",
              Level.WARN,
              e ->
                  message(e).startsWith("Auto topic creation failed for __")
                      && message(e).contains("'TOPIC_ALREADY_EXISTS'")),
          new Rule(SENDER, Level.WARN, e -> retried(message(e), "CONCURRENT_TRANSACTIONS")),
          new Rule(SENDER, Level.WARN, e -> retried(message(e), "OUT_OF_ORDER_SEQUENCE_NUMBER")),
          new Rule(
              "kafka.server.ReplicaManager",
              Level.ERROR,
              e ->
                  causedBy(
                      e.getThrowableProxy(),
                      "org.apache.kafka.common.errors.OutOfOrderSequenceException")),
          new Rule(
              "org.apache.kafka.streams.StreamsConfig",
              Level.WARN,
              e ->
                  message(e)
                      .startsWith(
                          "Processing exception handler is not enabled for the GlobalThread")));

  @Override
  public FilterReply decide(final ILoggingEvent event) {
    for (final Rule rule : RULES) {
      if (rule.logger().equals(event.getLoggerName())
          && rule.level().equals(event.getLevel())
          && rule.line().test(event)) {
        return FilterReply.DENY;
      }
    }
    return FilterReply.NEUTRAL;
  }

  private static String message(final ILoggingEvent event) {
    final String message = event.getFormattedMessage();
    return message == null ? "" : message;
  }

  private static boolean retried(final String message, final String error) {
    return message.contains("Got error produce response")
        && message.contains("retrying")
        && message.contains("Error: " + error);
  }

  /** Whether every topic of the message's map is an internal topic with a creation error. */
  static boolean onlyInternalTopicsBeingCreated(final String message) {
    final Matcher m = TOPIC_ERRORS.matcher(message);
    if (!m.find()) {
      return false;
    }
    for (final String entry : m.group(1).split(",")) {
      final String[] topicAndError = entry.trim().split("=", 2);
      if (topicAndError.length != 2
          || !(topicAndError[0].endsWith("-repartition") || topicAndError[0].endsWith("-changelog"))
          || !TOPIC_BEING_CREATED.contains(topicAndError[1].trim())) {
        return false;
      }
    }
    return true;
  }

  private static boolean causedBy(final IThrowableProxy thrown, final String className) {
    for (IThrowableProxy t = thrown; t != null; t = t.getCause()) {
      if (className.equals(t.getClassName())) {
        return true;
      }
    }
    return false;
  }
}
