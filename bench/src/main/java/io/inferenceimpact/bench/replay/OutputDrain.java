package io.inferenceimpact.bench.replay;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Empties every topic the driver has written to and counts the records per topic. The driver keeps
 * every record produced until it is read, so without this its memory would grow with the run.
 */
final class OutputDrain {
  private final TopologyTestDriver driver;
  private final Map<String, TestOutputTopic<byte[], byte[]>> topics = new HashMap<>();
  private final Map<String, Long> counts = new TreeMap<>();

  OutputDrain(final TopologyTestDriver driver) {
    this.driver = driver;
  }

  void drain() {
    for (final String name : driver.producedTopicNames()) {
      final TestOutputTopic<byte[], byte[]> topic =
          topics.computeIfAbsent(
              name,
              n ->
                  driver.createOutputTopic(
                      n, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
      final long read = topic.readRecordsToList().size();
      if (read > 0) {
        counts.merge(name, read, Long::sum);
      }
    }
  }

  /** Records read so far from {@code topic}. */
  long count(final String topic) {
    return counts.getOrDefault(topic, 0L);
  }
}
