package io.inferenceimpact.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges the records of all input files into the order a live system would receive them: by event
 * time, ties broken by line number, then by input kind. An unconvertible line has no event time of
 * its own: it takes that of the line before it in its file (the first converted one for a leading
 * line), so that it reaches the DLQ where it stands in the file.
 */
final class ReplayInputs {
  static final Comparator<ReplayInput> ORDER =
      Comparator.comparingLong(ReplayInput::eventTimeMillis)
          .thenComparingInt(ReplayInput::line)
          .thenComparing(ReplayInput::kind);

  private ReplayInputs() {}

  static List<ReplayInput> merge(final List<List<ReplayInput>> files) {
    final List<List<ReplayInput>> timed = new ArrayList<>();
    for (final List<ReplayInput> file : files) {
      timed.add(inheritTimes(file));
    }
    final long earliest =
        timed.stream()
            .flatMap(List::stream)
            .mapToLong(ReplayInput::eventTimeMillis)
            .filter(t -> t != ReplayInput.UNKNOWN_TIME)
            .min()
            .orElse(0L);
    final List<ReplayInput> merged = new ArrayList<>();
    for (final List<ReplayInput> file : timed) {
      for (final ReplayInput input : file) {
        merged.add(
            input.eventTimeMillis() == ReplayInput.UNKNOWN_TIME
                ? input.withEventTime(earliest)
                : input);
      }
    }
    merged.sort(ORDER);
    return merged;
  }

  /** Gives each unconvertible line the time of the line before it, or of the first timed line. */
  private static List<ReplayInput> inheritTimes(final List<ReplayInput> file) {
    long previous =
        file.stream()
            .mapToLong(ReplayInput::eventTimeMillis)
            .filter(t -> t != ReplayInput.UNKNOWN_TIME)
            .findFirst()
            .orElse(ReplayInput.UNKNOWN_TIME);
    final List<ReplayInput> result = new ArrayList<>(file.size());
    for (final ReplayInput input : file) {
      if (input.eventTimeMillis() == ReplayInput.UNKNOWN_TIME) {
        result.add(input.withEventTime(previous));
      } else {
        previous = input.eventTimeMillis();
        result.add(input);
      }
    }
    return result;
  }
}
