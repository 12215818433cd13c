package io.inferenceimpact.estimation;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.config.ModelSettings;
import io.inferenceimpact.config.ModelsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

  private static final ModelCatalog BUNDLED = ModelCatalog.bundled();

  @Test
  void shouldLoadEveryEcoLogitsModelAndOurOpenModels() {
    assertThat(BUNDLED.size()).isEqualTo(361 + 10);
  }

  @Test
  void shouldFindModelsCaseInsensitivelyAndWithProviderPrefixes() {
    final CatalogLookup found = BUNDLED.lookup("OpenAI/GPT-4o");

    assertThat(found.known()).isTrue();
    assertThat(found.entry().name()).isEqualTo("gpt-4o");
    assertThat(found.entry().mixtureOfExperts()).isTrue();
    assertThat(found.entry().activeParams()).isEqualTo(new ParamRange(44, 132));
    assertThat(found.entry().totalParams()).isEqualTo(ParamRange.of(440));
  }

  @Test
  void shouldResolveEcoLogitsAliases() {
    // models.json: {"name": "gpt-35-turbo", "alias": "gpt-3.5-turbo"} — name is the other spelling.
    assertThat(BUNDLED.lookup("gpt-35-turbo").entry().name()).isEqualTo("gpt-3.5-turbo");
    assertThat(BUNDLED.lookup("azure_openai/GPT-35-Turbo").known()).isTrue();
    assertThat(BUNDLED.lookup("anthropic/claude-opus-4-0").entry().name())
        .isEqualTo("claude-opus-4-20250514");
  }

  @Test
  void shouldReadClosedModelRangesAndDenseValues() {
    final ModelEntry mini = BUNDLED.lookup("gpt-4o-mini").entry();
    assertThat(mini.activeParams()).isEqualTo(new ParamRange(8, 28));
    assertThat(mini.mixtureOfExperts()).isFalse();
    assertThat(BUNDLED.lookup("META-LLAMA/Meta-Llama-3.1-70B-Instruct").entry().totalParams())
        .isEqualTo(ParamRange.of(70.55));
  }

  @Test
  void shouldPreferOurOpenModelEntriesWithTheirModelCards() {
    final ModelEntry llama = BUNDLED.lookup("meta-llama/Llama-3.1-8B-Instruct").entry();
    assertThat(llama.activeParams()).isEqualTo(ParamRange.of(8.03));
    assertThat(llama.source()).contains("huggingface.co/meta-llama/Llama-3.1-8B-Instruct");

    final ModelEntry deepseek = BUNDLED.lookup("deepseek-v3").entry();
    assertThat(deepseek.activeParams()).isEqualTo(ParamRange.of(37));
    assertThat(deepseek.totalParams()).isEqualTo(ParamRange.of(671));
    assertThat(deepseek.quantizationBits()).isEqualTo(8);
    assertThat(BUNDLED.lookup("Qwen/Qwen2.5-0.5B-Instruct").entry().quantizationBits())
        .isEqualTo(16);
  }

  @Test
  void shouldGiveTheDefaultEntryFlaggedUnknownForUnknownModels() {
    final CatalogLookup unknown = BUNDLED.lookup("acme/never-heard-of-it");

    assertThat(unknown.known()).isFalse();
    assertThat(unknown.requestedName()).isEqualTo("acme/never-heard-of-it");
    assertThat(unknown.entry()).isEqualTo(BUNDLED.defaultEntry());
    assertThat(unknown.entry().activeParams()).isEqualTo(new ParamRange(7, 70));
    assertThat(BUNDLED.lookup(null).known()).isFalse();
    assertThat(BUNDLED.lookup("  ").known()).isFalse();
  }

  @Test
  void shouldLetConfigEntriesOverrideAndExtendTheCatalog() throws IOException {
    final Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    final Path file = Files.createTempFile(dir, "catalog", ".yaml");
    Files.writeString(
        file,
        "models:\n  - name: house/llm-13b\n    activeParamsBillions: 13\n    aliases: [house13]\n");
    final ModelCatalog catalog =
        ModelCatalog.withConfig(
            new ModelsSettings(
                file.toString(),
                Map.of(
                    "gpt-4o", new ModelSettings(100, 800, List.of()),
                    "my-moe", new ModelSettings(3, 30, List.of("mm")))));

    assertThat(catalog.lookup("openai/gpt-4o").entry().activeParams())
        .isEqualTo(ParamRange.of(100));
    assertThat(catalog.lookup("MM").entry().totalParams()).isEqualTo(ParamRange.of(30));
    assertThat(catalog.lookup("house13").entry().name()).isEqualTo("house/llm-13b");
    assertThat(catalog.lookup("gpt-4o-mini").known()).isTrue();
    assertThat(BUNDLED.lookup("my-moe").known()).isFalse();
  }
}
