package io.inferenceimpact.runtime;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says when a state store was rebuilt from its changelog (after a crash under exactly-once, a lost
 * state folder, or a task that moved to this instance), so that an operator sees why a start took
 * longer. Only restores that read records are logged.
 */
final class RestoreLog implements StateRestoreListener {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreLog.class);

  @Override
  public void onRestoreStart(
      final TopicPartition partition,
      final String storeName,
      final long startingOffset,
      final long endingOffset) {
    // the end says what happened
  }

  @Override
  public void onBatchRestored(
      final TopicPartition partition,
      final String storeName,
      final long batchEndOffset,
      final long numRestored) {
    // per batch would be noise
  }

  @Override
  public void onRestoreEnd(
      final TopicPartition partition, final String storeName, final long totalRestored) {
    if (totalRestored > 0) {
      LOG.info(
          "Restored store {} from changelog {}: {} records", storeName, partition, totalRestored);
    }
  }
}
