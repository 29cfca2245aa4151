package dev.warden.lang;

import dev.warden.model.AttributeType;
import dev.warden.model.Parameter;
import dev.warden.model.RelationKind;
import dev.warden.model.TypeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the checker learned from the declarations: the first declaration of every name, in
 * declaration order. Lowering reads it once the checker found no errors.
 */
final class Symbols {

  final Map<String, TypeSymbols> types = new LinkedHashMap<>();
  final Map<String, ConditionSymbols> conditions = new LinkedHashMap<>();

  /** {@code actor.<name>} types; the first declaration wins when actor types disagree (P207). */
  final Map<String, AttributeType> actorAttributes = new LinkedHashMap<>();

  /** Actor attributes whose declared type is invalid: CEL complaints about them are noise. */
  final Set<String> badActorAttributes = new HashSet<>();

  /** A type's names. */
  static final class TypeSymbols {
    final Declaration.Type declaration;
    final Map<String, RelationSymbol> relations = new LinkedHashMap<>();
    final Map<String, AttributeType> attributes = new LinkedHashMap<>();
    final Set<String> badAttributes = new HashSet<>();
    final List<Member.Rule> rules = new ArrayList<>();

    TypeSymbols(Declaration.Type declaration) {
      this.declaration = declaration;
    }

    String name() {
      return declaration.name().text();
    }

    TypeKind kind() {
      return declaration.kind();
    }

    /** False when the parser dropped a member, so a name may be missing only seemingly. */
    boolean complete() {
      return declaration.complete();
    }
  }

  /**
   * A role, relation or permission.
   *
   * @param name where it is declared
   * @param kind role, relation or permission
   * @param subjects the written subject types of a relation; empty for roles and permissions
   */
  record RelationSymbol(Ident name, RelationKind kind, List<Member.SubjectRef> subjects) {
    RelationSymbol {
      subjects = List.copyOf(subjects);
    }
  }

  /** A condition's valid parameters. */
  static final class ConditionSymbols {
    final Declaration.Condition declaration;
    final List<Parameter> parameters = new ArrayList<>();

    /** Parameters with an invalid type, or reserved: CEL complaints about them are noise. */
    final Set<String> badParameters = new HashSet<>();

    ConditionSymbols(Declaration.Condition declaration) {
      this.declaration = declaration;
    }
  }
}
