package io.inferenceimpact.estimation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Published energy per inference by task (catalog/task-energy.yaml: Luccioni et al., "Power Hungry
 * Processing", FAccT 2024, Table 2), for tasks the LLM method does not cover. Names are
 * case-insensitive; {@code _} and {@code -} are the same; aliases (e.g. {@code text-to-image}) map
 * to their task.
 */
public final class TaskEnergyTable {

  static final String RESOURCE = "/catalog/task-energy.yaml";
  private static final double JOULES_PER_KWH = 3.6e6;
  private final Map<String, TaskFigure> byName;

  /**
   * One task's figure.
   *
   * @param task the task's name in the table
   * @param joulesPerInference mean energy of one inference (kWh per 1,000 × 3.6e6 / 1000)
   * @param sdJoulesPerInference standard deviation over the paper's models, joules
   * @param source table and note
   */
  public record TaskFigure(
      String task, double joulesPerInference, double sdJoulesPerInference, String source) {}

  private TaskEnergyTable(final Map<String, TaskFigure> byName) {
    this.byName = Map.copyOf(byName);
  }

  public static TaskEnergyTable bundled() {
    try (InputStream in = CatalogFiles.resource(RESOURCE)) {
      final JsonNode tasks = new ObjectMapper(new YAMLFactory()).readTree(in).path("tasks");
      final Map<String, TaskFigure> figures = new HashMap<>();
      tasks
          .fields()
          .forEachRemaining(
              e -> {
                final JsonNode n = e.getValue();
                final TaskFigure figure =
                    new TaskFigure(
                        e.getKey(),
                        n.path("kwhPer1000").asDouble() * JOULES_PER_KWH / 1000.0,
                        n.path("sdKwhPer1000").asDouble() * JOULES_PER_KWH / 1000.0,
                        n.path("source").asText());
                figures.put(key(e.getKey()), figure);
                n.path("aliases").forEach(a -> figures.putIfAbsent(key(a.asText()), figure));
              });
      return new TaskEnergyTable(figures);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<TaskFigure> find(final String task) {
    return task == null ? Optional.empty() : Optional.ofNullable(byName.get(key(task)));
  }

  private static String key(final String task) {
    return task.trim().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
