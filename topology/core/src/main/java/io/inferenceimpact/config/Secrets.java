package io.inferenceimpact.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides which configuration keys hold secrets and masks their values, so that no printout or log
 * line ever carries a password, token, JAAS config or registry credentials.
 */
public final class Secrets {
  /** What every secret value is replaced with. */
  public static final String MASK = "******";

  private static final List<String> MARKERS =
      List.of("password", "secret", "token", "sasl.jaas.config", "user.info", "api.key", "apikey");

  private Secrets() {}

  /** True when the key (any style: {@code ssl.key.password}, {@code apiKey}) names a secret. */
  public static boolean isSecret(final String key) {
    final String lower = key.toLowerCase(Locale.ROOT);
    return MARKERS.stream().anyMatch(lower::contains);
  }

  /** The value, or {@link #MASK} when the key names a secret. */
  public static String maskIfSecret(final String key, final String value) {
    return isSecret(key) && value != null ? MASK : value;
  }

  /** A sorted copy of the map with secret values masked. */
  public static Map<String, String> masked(final Map<String, String> properties) {
    final Map<String, String> copy = new TreeMap<>();
    properties.forEach((k, v) -> copy.put(k, maskIfSecret(k, v)));
    return copy;
  }
}
