package io.inferenceimpact.topology.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.testing.PropertyCheck;
import io.inferenceimpact.topology.support.CompactSerde;
import io.inferenceimpact.topology.support.JsonSerde;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The window stage's compact values keep every field bit for bit, the optional training shares
 * included, and the JSON of earlier releases is still read.
 */
class WindowCodecsTest {
  @Test
  void shouldRoundTripContributionsAndAggregates() {
    PropertyCheck.forAll(
        500,
        20261205L,
        random -> random,
        random -> {
          final WindowTotals totals = totals(random);
          roundTrip(
              WindowCodecs.contribution(),
              new WindowContribution(
                  "model-" + random.nextInt(9),
                  random.nextBoolean() ? "DE" : "US-CAL-CISO",
                  random.nextBoolean() ? null : "tenant-ü",
                  random.nextLong(),
                  totals),
              WindowContribution.class);
          roundTrip(
              WindowCodecs.aggregate(),
              new WindowAggregate(
                  "m", "FR", "*", random.nextLong(), random.nextLong(), totals.plus(totals)),
              WindowAggregate.class);
        });
  }

  @Test
  void shouldReadJsonOfEarlierReleases() {
    final WindowAggregate aggregate =
        new WindowAggregate("m", "DE", "*", 0, 60_000, totals(new SplittableRandom(7)));
    final byte[] json =
        new JsonSerde<>(WindowAggregate.class).serializer().serialize("t", aggregate);
    assertThat(json(WindowCodecs.aggregate().deserializer().deserialize("t", json)))
        .isEqualTo(json(aggregate));
  }

  private static WindowTotals totals(final SplittableRandom random) {
    return new WindowTotals(
        random.nextLong(0, 1_000_000),
        random.nextLong(0, 1_000),
        random.nextLong(0, Long.MAX_VALUE / 4),
        random.nextLong(0, Long.MAX_VALUE / 4),
        random.nextDouble() * 1e9,
        random.nextDouble(),
        random.nextDouble() * 1e-9,
        random.nextDouble(),
        random.nextDouble() * 1e6,
        random.nextDouble(),
        random.nextDouble(),
        random.nextDouble(),
        random.nextDouble(),
        random.nextBoolean() ? null : random.nextDouble(),
        random.nextBoolean() ? null : random.nextDouble());
  }

  private static <T> void roundTrip(
      final CompactSerde<T> serde, final T value, final Class<T> type) {
    final byte[] bytes = serde.serializer().serialize("t", value);
    final T read = serde.deserializer().deserialize("t", bytes);
    assertThat(read).isEqualTo(value);
    assertThat(serde.serializer().serialize("t", read)).isEqualTo(bytes);
    assertThat(bytes.length)
        .isLessThan(new JsonSerde<>(type).serializer().serialize("t", value).length);
  }

  private static String json(final WindowAggregate value) {
    return new String(new JsonSerde<>(WindowAggregate.class).serializer().serialize("t", value));
  }
}
