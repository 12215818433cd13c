package io.inferenceimpact.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.testing.ExternalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The modules' build (maven-enforcer) keeps their dependencies pointing one way; this test does the
 * same for the packages of the main code of every module: no two packages depend on each other,
 * directly or through others, so that each stage can be read, and moved, on its own.
 */
class PackageCyclesTest {
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?(io\\.inferenceimpact\\.[\\w.]+?)\\.[A-Z]", Pattern.MULTILINE);

  @Test
  void shouldHaveNoCycleBetweenPackages() {
    final Map<String, Set<String>> uses = packageGraph();
    assertThat(uses)
        .as("packages of the main code")
        .containsKeys(
            "io.inferenceimpact.config",
            "io.inferenceimpact.alerts",
            "io.inferenceimpact.topology",
            "io.inferenceimpact.topology.attribution");
    assertThat(cycles(uses)).as("groups of packages that depend on each other").isEmpty();
  }

  @Test
  void shouldFindACycleWhereThereIsOne() {
    final Map<String, Set<String>> uses = new TreeMap<>();
    uses.put("a", Set.of("b"));
    uses.put("b", Set.of("c"));
    uses.put("c", Set.of("a"));
    uses.put("d", Set.of("a"));
    assertThat(cycles(uses)).containsExactly(List.of("a", "b", "c"));
  }

  /** Every package of the main code (schemas and topology/*), with the product packages it uses. */
  private static Map<String, Set<String>> packageGraph() {
    final Path root = ExternalProcess.repoRoot();
    final Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> modules =
        Stream.concat(Stream.of(root.resolve("schemas")), Files.list(root.resolve("topology")))) {
      for (final Path sources :
          modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.walk(sources)) {
          files.filter(f -> f.toString().endsWith(".java")).forEach(f -> read(f, uses));
        }
      }
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    return uses;
  }

  private static void read(final Path file, final Map<String, Set<String>> uses) {
    final String text;
    try {
      text = Files.readString(file);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    final Matcher pkg = PACKAGE.matcher(text);
    if (!pkg.find()) {
      return;
    }
    final String from = pkg.group(1);
    final Set<String> used = uses.computeIfAbsent(from, k -> new TreeSet<>());
    final Matcher imports = IMPORT.matcher(text);
    while (imports.find()) {
      final String to = imports.group(1);
      if (!to.equals(from)) {
        used.add(to);
      }
    }
  }

  /** The strongly connected groups of more than one package (Tarjan), each sorted. */
  static List<List<String>> cycles(final Map<String, Set<String>> uses) {
    final Map<String, Integer> index = new HashMap<>();
    final Map<String, Integer> low = new HashMap<>();
    final Deque<String> stack = new ArrayDeque<>();
    final Set<String> onStack = new TreeSet<>();
    final List<List<String>> groups = new ArrayList<>();
    for (final String start : uses.keySet()) {
      if (!index.containsKey(start)) {
        connect(start, uses, index, low, stack, onStack, groups);
      }
    }
    return groups;
  }

  private static void connect(
      final String node,
      final Map<String, Set<String>> uses,
      final Map<String, Integer> index,
      final Map<String, Integer> low,
      final Deque<String> stack,
      final Set<String> onStack,
      final List<List<String>> groups) {
    index.put(node, index.size());
    low.put(node, index.get(node));
    stack.push(node);
    onStack.add(node);
    for (final String next : uses.getOrDefault(node, Set.of())) {
      if (!index.containsKey(next)) {
        connect(next, uses, index, low, stack, onStack, groups);
        low.put(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.contains(next)) {
        low.put(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node).equals(index.get(node))) {
      final List<String> group = new ArrayList<>();
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        group.add(member);
      } while (!member.equals(node));
      if (group.size() > 1) {
        groups.add(group.stream().sorted().toList());
      }
    }
  }
}
