package io.inferenceimpact.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The bound holds when many threads offer new values at once. */
class BoundedLabelTest {

  @Test
  void shouldAdmitExactlyMaxValuesUnderConcurrentUse() throws Exception {
    final BoundedLabel label = new BoundedLabel(25);
    final Set<String> reported = ConcurrentHashMap.newKeySet();
    final List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      final int offset = t * 1_000;
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 1_000; i++) {
                  reported.add(label.of("model-" + (offset + i)));
                }
              }));
    }
    threads.forEach(Thread::start);
    for (final Thread thread : threads) {
      thread.join();
    }

    assertThat(label.size()).isEqualTo(25);
    assertThat(reported).hasSize(26).contains(BoundedLabel.OTHER);
  }

  @Test
  void shouldKeepReportingAnAdmittedValueAsItself() {
    final BoundedLabel label = new BoundedLabel(1);

    assertThat(label.of("m1")).isEqualTo("m1");
    assertThat(label.of("m2")).isEqualTo(BoundedLabel.OTHER);
    assertThat(label.of("m1")).isEqualTo("m1");
    assertThat(label.of(null)).isEqualTo(BoundedLabel.OTHER);
  }
}
