package dev.warden.cli;

import dev.warden.model.AttributeType;
import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.Rewrite;
import dev.warden.model.Rule;
import dev.warden.model.TypeDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What changes between two compiled policies, one line per change: types, their relations and
 * attributes, and conditions, each added ({@code +}), removed ({@code -}) or changed ({@code ~}).
 * Rules compare by what they derive, not where they were written, so moving or reformatting a
 * declaration changes nothing here.
 */
final class PolicyDiff {

  private PolicyDiff() {}

  /** The changes from {@code before} (null: no policy) to {@code after}, in name order. */
  static List<String> of(Policy before, Policy after) {
    Map<String, TypeDef> old = before == null ? Map.of() : before.types();
    List<String> lines = new ArrayList<>();
    for (String name : union(old.keySet(), after.types().keySet())) {
      TypeDef a = old.get(name);
      TypeDef b = after.types().get(name);
      if (a == null) {
        lines.add("+ type `" + name + "` (" + kind(b) + ")");
      } else if (b == null) {
        lines.add("- type `" + name + "`");
      } else {
        if (a.kind() != b.kind()) {
          lines.add("~ type `" + name + "`: " + kind(a) + " -> " + kind(b));
        }
        relations(name, a, b, lines);
        attributes(name, a, b, lines);
      }
    }
    var oldConditions = before == null ? Map.<String, Object>of() : before.conditions();
    for (String name : union(oldConditions.keySet(), after.conditions().keySet())) {
      Object a = oldConditions.get(name);
      Object b = after.conditions().get(name);
      if (a == null) {
        lines.add("+ condition `" + name + "`");
      } else if (b == null) {
        lines.add("- condition `" + name + "`");
      } else if (!a.equals(b)) {
        lines.add("~ condition `" + name + "`");
      }
    }
    return lines;
  }

  private static void relations(String type, TypeDef a, TypeDef b, List<String> lines) {
    for (String r : union(a.relations().keySet(), b.relations().keySet())) {
      RelationDef x = a.relation(r);
      RelationDef y = b.relation(r);
      String name = "`" + type + "#" + r + "`";
      if (x == null) {
        lines.add("+ relation " + name + " (" + kind(y) + ")");
      } else if (y == null) {
        lines.add("- relation " + name + " (" + kind(x) + ")");
      } else if (x.kind() != y.kind()
          || !x.subjectTypes().equals(y.subjectTypes())
          || !bodies(x).equals(bodies(y))) {
        List<String> what = new ArrayList<>();
        if (x.kind() != y.kind()) {
          what.add(kind(x) + " -> " + kind(y));
        }
        if (!x.subjectTypes().equals(y.subjectTypes())) {
          what.add("subject types");
        }
        if (!bodies(x).equals(bodies(y))) {
          what.add("rules");
        }
        lines.add("~ relation " + name + ": " + String.join(", ", what) + " changed");
      }
    }
  }

  private static void attributes(String type, TypeDef a, TypeDef b, List<String> lines) {
    for (String n : union(a.attributes().keySet(), b.attributes().keySet())) {
      AttributeType x = a.attributes().get(n);
      AttributeType y = b.attributes().get(n);
      String name = "`" + type + "." + n + "`";
      if (x == null) {
        lines.add("+ attribute " + name + " (" + y + ")");
      } else if (y == null) {
        lines.add("- attribute " + name);
      } else if (!Objects.equals(x, y)) {
        lines.add("~ attribute " + name + ": " + x + " -> " + y);
      }
    }
  }

  private static List<Rewrite> bodies(RelationDef r) {
    return r.rules().stream().map(Rule::body).toList();
  }

  private static java.util.SortedSet<String> union(
      java.util.Set<String> a, java.util.Set<String> b) {
    TreeSet<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private static String kind(TypeDef t) {
    return t.kind().name().toLowerCase(Locale.ROOT);
  }

  private static String kind(RelationDef r) {
    return r.kind().name().toLowerCase(Locale.ROOT);
  }
}
