package dev.warden.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.Rule;
import dev.warden.model.TypeDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Policies the tests share: the examples, the golden inputs, and small helpers. */
final class TestPolicies {

  /** Tests run in the module directory; the examples live at the repository root. */
  static final Path EXAMPLES = Path.of("..", "examples");

  static final Path GOLDEN = Path.of("src", "test", "resources", "lang", "golden");

  private TestPolicies() {}

  static SourceFile source(String text) {
    return new SourceFile("policy.warden", text);
  }

  static Compilation compile(String text) {
    return PolicyCompiler.compile(source(text));
  }

  /** An example policy, named {@code policy.warden} so origins do not depend on paths. */
  static SourceFile example(String name) {
    return new SourceFile("policy.warden", read(EXAMPLES.resolve(name).resolve("policy.warden")));
  }

  static List<SourceFile> examples() {
    return List.of(example("quickstart"), example("full"));
  }

  /** The golden parser inputs, by file name. */
  static List<SourceFile> goldenInputs() {
    try (Stream<Path> files = Files.list(GOLDEN)) {
      return files
          .filter(p -> p.toString().endsWith(".warden"))
          .sorted()
          .map(p -> new SourceFile(p.getFileName().toString(), read(p)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every policy text the tests know: examples and golden inputs. */
  static List<SourceFile> corpus() {
    List<SourceFile> all = new ArrayList<>(examples());
    all.addAll(goldenInputs());
    return all;
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The policy with every rule origin blanked: what formatting must not change. */
  static Policy withoutOrigins(Policy p) {
    if (p == null) {
      return null;
    }
    Map<String, TypeDef> types = new LinkedHashMap<>();
    p.types()
        .forEach(
            (name, t) -> {
              Map<String, RelationDef> relations = new LinkedHashMap<>();
              t.relations()
                  .forEach(
                      (rn, r) -> {
                        List<Rule> rules =
                            r.rules().stream()
                                .map(rule -> new Rule(rule.body(), rule.text(), ""))
                                .toList();
                        relations.put(rn, new RelationDef(rn, r.kind(), r.subjectTypes(), rules));
                      });
              types.put(name, new TypeDef(name, t.kind(), relations, t.attributes()));
            });
    return new Policy(types, p.conditions());
  }

  /** Codes and messages, without positions: what formatting must not change either. */
  static List<String> problems(Compilation c) {
    return c.diagnostics().stream().map(d -> d.code() + " " + d.message()).sorted().toList();
  }

  static void assertCompiles(Compilation c) {
    assertThat(c.render()).isEmpty();
    assertThat(c.policy()).isNotNull();
  }
}
