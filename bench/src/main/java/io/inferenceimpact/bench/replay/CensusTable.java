package io.inferenceimpact.bench.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TopologyTestDriver;

/** The rows of a {@link ReplayThroughput} run: progress, throughput and state, printed and CSV. */
final class CensusTable {
  private final List<String> stores;
  private final String requestsTopic;
  private final String dlqTopic;
  private final List<String> rows = new ArrayList<>();
  private long lastEvents;
  private long lastNanos;

  CensusTable(final List<String> stores, final String requestsTopic, final String dlqTopic) {
    this.stores = stores;
    this.requestsTopic = requestsTopic;
    this.dlqTopic = dlqTopic;
  }

  private String header() {
    final StringBuilder h =
        new StringBuilder(
            "sim_s,input_events,processing_s,processing_cpu_s,events_per_s_interval,request_impacts_out,dlq_out");
    for (final String store : stores) {
      h.append(',').append(store);
    }
    return h.append(",state_entries_total,state_dir_mib,heap_used_mib").toString();
  }

  void printHeader(final PrintStream out) {
    out.println(header());
  }

  /** Counts the state now and adds a row; {@code simSeconds} -1 marks the row after the flush. */
  void add(
      final int simSeconds,
      final long events,
      final long processingNanos,
      final long processingCpuNanos,
      final OutputDrain outputs,
      final StateCensus census,
      final TopologyTestDriver driver,
      final PrintStream out) {
    final long deltaNanos = processingNanos - lastNanos;
    final double rate = deltaNanos == 0 ? 0 : (events - lastEvents) / (deltaNanos / 1e9);
    lastEvents = events;
    lastNanos = processingNanos;
    final StringBuilder row =
        new StringBuilder()
            .append(simSeconds < 0 ? "flushed" : Integer.toString(simSeconds))
            .append(',')
            .append(events)
            .append(',')
            .append(String.format("%.1f", processingNanos / 1e9))
            .append(',')
            .append(String.format("%.1f", processingCpuNanos / 1e9))
            .append(',')
            .append(String.format("%.0f", rate))
            .append(',')
            .append(outputs.count(requestsTopic))
            .append(',')
            .append(outputs.count(dlqTopic));
    long total = 0;
    for (final Map.Entry<String, Long> store : census.entries(driver).entrySet()) {
      row.append(',').append(store.getValue());
      total += store.getValue();
    }
    row.append(',').append(total);
    row.append(',').append(String.format("%.1f", census.diskBytes() / 1048576.0));
    row.append(',').append(StateCensus.heapUsedAfterGcBytes() / 1048576);
    rows.add(row.toString());
    out.println(row);
  }

  void writeCsv(final Path csv) throws IOException {
    if (csv.getParent() != null) {
      Files.createDirectories(csv.getParent());
    }
    final List<String> lines = new ArrayList<>();
    lines.add(header());
    lines.addAll(rows);
    Files.write(csv, lines);
  }
}
