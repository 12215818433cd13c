package io.inferenceimpact.estimation;

import java.util.List;
import java.util.Objects;

/**
 * One model of the catalog: what the EcoLogits method needs to estimate a request for it.
 *
 * @param name canonical name (as the catalog spells it)
 * @param provider who serves it ({@code openai}, {@code huggingface_hub}, ...), or null
 * @param activeParams parameters active per token, billions (dense: all of them)
 * @param totalParams all parameters, billions (mixture-of-experts: more than active)
 * @param quantizationBits bits per weight as served (16 for bf16/fp16)
 * @param aliases other names that resolve to this entry
 * @param source where the numbers come from (file and, for our own entries, the model card)
 */
public record ModelEntry(
    String name,
    String provider,
    ParamRange activeParams,
    ParamRange totalParams,
    int quantizationBits,
    List<String> aliases,
    String source) {

  /** Bits per weight when a catalog entry says nothing: 16 (EcoLogits MODEL_QUANTIZATION_BITS). */
  public static final int DEFAULT_QUANTIZATION_BITS = 16;

  public ModelEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(activeParams, "activeParams");
    Objects.requireNonNull(totalParams, "totalParams");
    aliases = List.copyOf(aliases);
    if (quantizationBits < 1 || quantizationBits > 64) {
      throw new IllegalArgumentException("quantizationBits must be 1..64: " + quantizationBits);
    }
    if (totalParams.maxBillions() < activeParams.maxBillions()) {
      throw new IllegalArgumentException(name + ": total parameters below active parameters");
    }
  }

  /** A dense model: active equals total. */
  public static ModelEntry dense(
      final String name, final ParamRange params, final List<String> aliases, final String source) {
    return new ModelEntry(name, null, params, params, DEFAULT_QUANTIZATION_BITS, aliases, source);
  }

  /** Whether only part of the parameters is active per token. */
  public boolean mixtureOfExperts() {
    return !activeParams.equals(totalParams);
  }
}
