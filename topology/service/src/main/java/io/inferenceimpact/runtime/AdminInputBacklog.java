package io.inferenceimpact.runtime;

import io.inferenceimpact.topology.progress.InputBacklog;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's {@link InputBacklog}: every {@link #REFRESH} it asks the broker (admin client) for
 * the watched partitions' last stable offsets ({@code read_committed}), their log-start offsets and
 * the application's committed offsets; a task compares them with its next offset.
 *
 * <p>Answers err towards {@link State#UNREAD} while they cannot yet be known (a partition watched
 * less than {@link #TRUST} ago and not yet fetched): that only makes a task wait for records a
 * little longer. When the broker has not answered for {@link #TRUST} the answer is {@link
 * State#UNKNOWN} and the tasks' wall-clock rule applies as without a backlog.
 */
public final class AdminInputBacklog implements InputBacklog, AutoCloseable {
  static final Duration REFRESH = Duration.ofMillis(500);
  static final Duration TRUST = Duration.ofSeconds(30);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(AdminInputBacklog.class);

  private final Admin admin;
  private final String groupId;
  private final LongSupplier clock;
  private final Map<TopicPartition, Long> watchedSince = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;
  private volatile Map<TopicPartition, Offsets> offsets = Map.of();
  private volatile long refreshedAt = Long.MIN_VALUE;
  private long failingSince = Long.MIN_VALUE;
  private boolean warned;

  /** What the broker said of one partition. {@code committed} is -1 when the group has none. */
  record Offsets(long logStart, long stable, long committed) {}

  AdminInputBacklog(final Admin admin, final String groupId, final LongSupplier clock) {
    this.admin = admin;
    this.groupId = groupId;
    this.clock = clock;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              final Thread thread = new Thread(r, "impact-input-backlog");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts refreshing in the background, with an admin client made from {@code adminConfig}, for
   * the consumer group {@code groupId} (the application id).
   */
  public static AdminInputBacklog start(final Properties adminConfig, final String groupId) {
    final AdminInputBacklog backlog =
        new AdminInputBacklog(Admin.create(adminConfig), groupId, System::currentTimeMillis);
    backlog.timer.scheduleWithFixedDelay(
        backlog::refreshQuietly, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    return backlog;
  }

  @Override
  public void watch(final String topic, final int partition) {
    watchedSince.putIfAbsent(new TopicPartition(topic, partition), clock.getAsLong());
  }

  @Override
  public State state(final String topic, final int partition, final long nextOffset) {
    final long now = clock.getAsLong();
    final TopicPartition tp = new TopicPartition(topic, partition);
    final Offsets known = offsets.get(tp);
    final long refreshed = refreshedAt;
    if (known == null || refreshed == Long.MIN_VALUE) {
      final Long since = watchedSince.get(tp);
      return since != null && now - since < TRUST.toMillis() ? State.UNREAD : State.UNKNOWN;
    }
    if (now - refreshed >= TRUST.toMillis()) {
      return State.UNKNOWN;
    }
    final long from = nextOffset >= 0 ? nextOffset : Math.max(known.committed(), known.logStart());
    return known.stable() > from + 1 ? State.UNREAD : State.READ;
  }

  /** One refresh (tests call it directly on an instance that was not started). */
  void refresh() throws Exception {
    final Set<TopicPartition> watched = Set.copyOf(watchedSince.keySet());
    if (watched.isEmpty()) {
      return;
    }
    final Map<TopicPartition, OffsetSpec> latest =
        watched.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
    final Map<TopicPartition, OffsetSpec> earliest =
        watched.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.earliest()));
    final ListOffsetsResult stable =
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
    final ListOffsetsResult start = admin.listOffsets(earliest);
    final Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(groupId)
            .partitionsToOffsetAndMetadata()
            .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> stableOffsets =
        stable.all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> startOffsets =
        start.all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    final Map<TopicPartition, Offsets> next = new HashMap<>();
    for (final TopicPartition tp : watched) {
      final OffsetAndMetadata position = committed == null ? null : committed.get(tp);
      next.put(
          tp,
          new Offsets(
              startOffsets.get(tp).offset(),
              stableOffsets.get(tp).offset(),
              position == null ? -1 : position.offset()));
    }
    offsets = Map.copyOf(next);
    refreshedAt = clock.getAsLong();
  }

  private void refreshQuietly() {
    try {
      refresh();
      if (warned) {
        LOG.info("Input offsets known again");
      }
      failingSince = Long.MIN_VALUE;
      warned = false;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (final Exception e) {
      final long now = clock.getAsLong();
      if (failingSince == Long.MIN_VALUE) {
        failingSince = now;
      } else if (!warned && now - failingSince >= TRUST.toMillis()) {
        warned = true;
        LOG.warn(
            "Input offsets unknown for {} s ({}): quiet input partitions are told from starved"
                + " ones by the wall clock alone until the broker answers",
            TRUST.toSeconds(),
            e.toString());
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    admin.close(Duration.ofSeconds(5));
  }
}
