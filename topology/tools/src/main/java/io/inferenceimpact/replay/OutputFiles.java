package io.inferenceimpact.replay;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * One {@code <topic>.jsonl} file per output topic, filled as the driver emits records. Lines end
 * with {@code \n} on every platform, so that equal runs give equal bytes.
 */
final class OutputFiles implements Closeable {
  private final List<TopicFile> files = new ArrayList<>();
  private final OutputLines lines;

  private static final class TopicFile {
    final String topic;
    final boolean dlq;
    final TestOutputTopic<byte[], byte[]> output;
    final BufferedWriter writer;
    final String fileName;
    long records;

    TopicFile(
        final String topic,
        final boolean dlq,
        final TestOutputTopic<byte[], byte[]> output,
        final BufferedWriter writer,
        final String fileName) {
      this.topic = topic;
      this.dlq = dlq;
      this.output = output;
      this.writer = writer;
      this.fileName = fileName;
    }
  }

  /**
   * @param topics the output topics, in the order of the summary
   * @param dlqTopic the one whose records are written in the DLQ form
   */
  OutputFiles(
      final TopologyTestDriver driver,
      final List<String> topics,
      final String dlqTopic,
      final Path outDir,
      final OutputLines lines)
      throws IOException {
    this.lines = lines;
    try {
      for (final String topic : topics) {
        final String fileName = topic + ".jsonl";
        files.add(
            new TopicFile(
                topic,
                topic.equals(dlqTopic),
                driver.createOutputTopic(
                    topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                Files.newBufferedWriter(outDir.resolve(fileName), StandardCharsets.UTF_8),
                fileName));
      }
    } catch (final IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Writes every record the driver has emitted since the last call. */
  void drain() throws IOException {
    for (final TopicFile file : files) {
      while (!file.output.isEmpty()) {
        final TestRecord<byte[], byte[]> record = file.output.readRecord();
        file.writer.write(file.dlq ? lines.dlqRecord(record) : lines.record(file.topic, record));
        file.writer.write('\n');
        file.records++;
      }
    }
  }

  List<ReplayOutput> outputs() {
    return files.stream().map(f -> new ReplayOutput(f.fileName, f.topic, f.records)).toList();
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (final TopicFile file : files) {
      try {
        file.writer.close();
      } catch (final IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
