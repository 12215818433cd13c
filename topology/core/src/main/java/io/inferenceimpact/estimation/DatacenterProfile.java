package io.inferenceimpact.estimation;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Datacenter factors of where a request ran: PUE and on-site water use effectiveness.
 *
 * @param pue power usage effectiveness, {@code >= 1}
 * @param wueLitresPerKwh on-site water consumed per kWh of IT energy, litres
 */
public record DatacenterProfile(double pue, double wueLitresPerKwh) {

  /**
   * Published provider values as EcoLogits uses them (docs/methodology/llm_inference.md, "Data
   * center configuration", genai-impact/ecologits commit af96c0ff): OpenAI and Azure OpenAI 1.20 /
   * 0.569 L/kWh (Microsoft), Mistral AI 1.16 / 0.09, Google and Cohere 1.09 / 0.99. Providers with
   * a published range there (Anthropic, Hugging Face Hub) have no default here.
   */
  private static final Map<String, DatacenterProfile> PROVIDERS =
      Map.of(
          "openai", new DatacenterProfile(1.20, 0.569),
          "azure_openai", new DatacenterProfile(1.20, 0.569),
          "mistralai", new DatacenterProfile(1.16, 0.09),
          "google", new DatacenterProfile(1.09, 0.99),
          "google_genai", new DatacenterProfile(1.09, 0.99),
          "cohere", new DatacenterProfile(1.09, 0.99));

  public DatacenterProfile {
    if (!(pue >= 1.0) || Double.isInfinite(pue)) {
      throw new IllegalArgumentException("pue must be finite and >= 1: " + pue);
    }
    if (!(wueLitresPerKwh >= 0) || Double.isInfinite(wueLitresPerKwh)) {
      throw new IllegalArgumentException("wue must be finite and >= 0: " + wueLitresPerKwh);
    }
  }

  /** The provider's published profile (provider names as in EcoLogits' catalog), if known. */
  public static Optional<DatacenterProfile> forProvider(final String provider) {
    return provider == null
        ? Optional.empty()
        : Optional.ofNullable(PROVIDERS.get(provider.toLowerCase(Locale.ROOT)));
  }
}
