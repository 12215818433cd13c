package io.inferenceimpact.simulate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/** One deployment's requests in flight, and the output-token rate they produce together. */
final class Replica {
  private final Fleet.Deployment deployment;
  private final List<InFlight> inFlight = new ArrayList<>();

  Replica(final Fleet.Deployment deployment) {
    this.deployment = deployment;
  }

  Fleet.Deployment deployment() {
    return deployment;
  }

  int batch() {
    return inFlight.size();
  }

  void admit(final InFlight request) {
    inFlight.add(request);
  }

  /** Removes and returns the requests that ended at or before {@code millis}, by end time. */
  List<InFlight> finishedBy(final long millis) {
    final List<InFlight> done = new ArrayList<>();
    for (final Iterator<InFlight> it = inFlight.iterator(); it.hasNext(); ) {
      final InFlight r = it.next();
      if (r.endMillis() <= millis) {
        done.add(r);
        it.remove();
      }
    }
    done.sort(Comparator.comparingLong(InFlight::endMillis));
    return done;
  }

  /** Output tokens per second of all requests decoding at {@code millis}. */
  double tokensPerSecondAt(final long millis) {
    double rate = 0.0;
    for (final InFlight r : inFlight) {
      if (r.decodingAt(millis)) {
        rate += 1.0 / r.secondsPerToken();
      }
    }
    return rate;
  }
}
