package io.inferenceimpact.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A minimal property-testing harness: runs a property over inputs drawn from a seeded generator
 * and, when it fails, reports the try, the seed and the input, so that the failure reproduces
 * exactly.
 *
 * <p>Runs are deterministic: the same seed gives the same inputs in the same order. The seed a test
 * passes is a default; {@code -Dimpact.property.seed=N} replaces it (to replay a reported failure),
 * and {@code -Dimpact.property.seed=random} draws a fresh one (to explore; it is reported on
 * failure). No shrinking: generators should keep inputs small enough to read.
 */
public final class PropertyCheck {

  /** System property that overrides every property test's seed. */
  public static final String SEED_PROPERTY = "impact.property.seed";

  private PropertyCheck() {}

  /**
   * Checks {@code property} on {@code tries} inputs, seeded by the default seed or its override.
   */
  public static <T> void forAll(
      final int tries,
      final long defaultSeed,
      final Function<SplittableRandom, T> generator,
      final Consumer<T> property) {
    check(
        tries, effectiveSeed(System.getProperty(SEED_PROPERTY), defaultSeed), generator, property);
  }

  /** Like {@link #forAll} with exactly {@code seed}, ignoring the system property. */
  public static <T> void check(
      final int tries,
      final long seed,
      final Function<SplittableRandom, T> generator,
      final Consumer<T> property) {
    final SplittableRandom seeds = new SplittableRandom(seed);
    for (int i = 0; i < tries; i++) {
      final SplittableRandom random = seeds.split();
      final T input = generator.apply(random);
      try {
        property.accept(input);
      } catch (final AssertionError | RuntimeException failure) {
        throw new AssertionError(
            "property failed at try "
                + i
                + " of "
                + tries
                + " with seed "
                + seed
                + " (replay: -D"
                + SEED_PROPERTY
                + "="
                + seed
                + ")\ninput: "
                + input
                + "\ncause: "
                + failure,
            failure);
      }
    }
  }

  /** The seed a run uses: the property's value if set ("random" draws one), else the default. */
  public static long effectiveSeed(final String propertyValue, final long defaultSeed) {
    if (propertyValue == null || propertyValue.isBlank()) {
      return defaultSeed;
    }
    if (propertyValue.trim().equals("random")) {
      return new SplittableRandom().nextLong();
    }
    return Long.parseLong(propertyValue.trim());
  }

  /** A long in {@code [min, max]}; each bound comes up about 1 time in 16 (edges find bugs). */
  public static long longBetween(final SplittableRandom random, final long min, final long max) {
    final int edge = random.nextInt(16);
    if (edge == 0 || min == max) {
      return min;
    }
    if (edge == 1) {
      return max;
    }
    return max == Long.MAX_VALUE ? random.nextLong(min, max) : random.nextLong(min, max + 1);
  }

  /** An int in {@code [min, max]}, bounds favoured like {@link #longBetween}. */
  public static int intBetween(final SplittableRandom random, final int min, final int max) {
    return (int) longBetween(random, min, max);
  }

  /** A double in {@code [min, max]}; each bound comes up about 1 time in 16. */
  public static double doubleBetween(
      final SplittableRandom random, final double min, final double max) {
    final int edge = random.nextInt(16);
    if (edge == 0 || min == max) {
      return min;
    }
    return edge == 1 ? max : random.nextDouble(min, max);
  }

  /** A list of {@code [minSize, maxSize]} elements drawn from {@code element}. */
  public static <T> List<T> listOf(
      final SplittableRandom random,
      final int minSize,
      final int maxSize,
      final Function<SplittableRandom, T> element) {
    final int size = intBetween(random, minSize, maxSize);
    final List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(element.apply(random));
    }
    return list;
  }

  /** One of {@code values}, uniformly. */
  @SafeVarargs
  public static <T> T oneOf(final SplittableRandom random, final T... values) {
    return values[random.nextInt(values.length)];
  }

  /** A generator with a relative weight, for {@link #weighted}. */
  public record Weighted<T>(int weight, Function<SplittableRandom, T> generator) {}

  /** A value from one of {@code options}, each chosen with probability weight / total weight. */
  public static <T> T weighted(final SplittableRandom random, final List<Weighted<T>> options) {
    final int total = options.stream().mapToInt(Weighted::weight).sum();
    int pick = random.nextInt(total);
    for (final Weighted<T> option : options) {
      pick -= option.weight();
      if (pick < 0) {
        return option.generator().apply(random);
      }
    }
    throw new IllegalArgumentException("weights must be positive: " + options);
  }
}
