package dev.warden.importer.openfga;

import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.GrantCondition;
import dev.warden.api.SubjectRef;
import dev.warden.api.WardenException;
import dev.warden.engine.WriteValidator;
import dev.warden.importer.ImportDiagnostic;
import dev.warden.importer.TypeNames;
import dev.warden.lang.SourceFile;
import dev.warden.lang.Span;
import dev.warden.model.Policy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * OpenFGA tuples as Warden grants: {@code {user: "group:eng#member", relation: "viewer", object:
 * "document:1"}} becomes {@code Document:1#viewer@Group:eng#member}, type names mapped by {@link
 * TypeNames}. {@link #read} takes the files users have (see {@link TupleFileReader}) and is
 * all-or-nothing: one refused tuple and no grant is returned, so a partial import never happens.
 */
public final class OpenFgaTuples {

  private static final String FIT_HINT =
      "the tuple must fit the imported model: check its types, relation and user shape";
  private static final String SPELLING_HINT =
      "OpenFGA spells users `user:anne`, `group:eng#member` or `user:*`, objects `document:1`";

  private OpenFgaTuples() {}

  /**
   * The grants of a JSON or YAML tuple file (YAML unless the name ends in {@code .json}), each
   * checked against {@code policy}, or every reason some could not be imported.
   */
  public static TupleImport read(SourceFile source, Policy policy) {
    List<ImportDiagnostic> diagnostics = new ArrayList<>();
    List<Grant> grants = new ArrayList<>();
    WriteValidator validator = WriteValidator.forPolicy(policy);
    for (TupleFileReader.RawTuple t : TupleFileReader.read(source, diagnostics)) {
      Grant g = spelled(t, diagnostics);
      if (g == null) {
        continue;
      }
      try {
        validator.validateContextual(List.of(g));
        grants.add(g);
      } catch (WardenException e) {
        diagnostics.add(new ImportDiagnostic("FGA304", e.getMessage(), t.span(), FIT_HINT));
      }
    }
    diagnostics.sort(Comparator.comparingInt(d -> d.span().start()));
    return new TupleImport(source, grants, diagnostics);
  }

  /** The tuple as a grant, or null after reporting, at the value, each part Warden cannot spell. */
  private static Grant spelled(TupleFileReader.RawTuple t, List<ImportDiagnostic> diagnostics) {
    EntityRef object = part(t, "object", () -> entity(t.object()), diagnostics);
    SubjectRef user = part(t, "user", () -> subject(t.user()), diagnostics);
    String relation = part(t, "relation", () -> relation(t.relation()), diagnostics);
    if (object == null || user == null || relation == null) {
      return null;
    }
    return new Grant(object, relation, user, t.condition());
  }

  private static <T> T part(
      TupleFileReader.RawTuple t,
      String field,
      Supplier<T> parse,
      List<ImportDiagnostic> diagnostics) {
    try {
      return parse.get();
    } catch (WardenException e) {
      Span at = t.valueSpans().getOrDefault(field, t.span());
      diagnostics.add(new ImportDiagnostic("FGA303", e.getMessage(), at, SPELLING_HINT));
      return null;
    }
  }

  /**
   * One tuple as a grant, without looking at a policy.
   *
   * @param condition the tuple's condition, or null
   * @throws WardenException {@code INVALID_REQUEST} when a part is not an OpenFGA object, userset
   *     or wildcard that Warden can spell
   */
  public static Grant grant(String user, String relation, String object, GrantCondition condition) {
    return new Grant(entity(object), relation(relation), subject(user), condition);
  }

  private static String relation(String relation) {
    if (!TypeNames.importableRelation(relation == null ? "" : relation)) {
      throw WardenException.invalid("`" + relation + "` is not a relation name Warden can hold");
    }
    return relation;
  }

  /** A tuple's condition from its {@code name} and {@code context}. */
  public static GrantCondition condition(String name, Map<String, Object> context) {
    return new GrantCondition(name, context == null ? Map.of() : context);
  }

  /** {@code document:1} as {@code Document:1}. */
  public static EntityRef entity(String object) {
    int colon = object == null ? -1 : object.indexOf(':');
    if (colon <= 0) {
      throw WardenException.invalid("`" + object + "` is not an OpenFGA object; write `type:id`");
    }
    return EntityRef.of(type(object.substring(0, colon)), id(object.substring(colon + 1), object));
  }

  /** {@code user:anne}, {@code group:eng#member} or {@code user:*} as a Warden subject. */
  public static SubjectRef subject(String user) {
    int hash = user == null ? -1 : user.indexOf('#');
    String head = hash < 0 ? user : user.substring(0, hash);
    int colon = head == null ? -1 : head.indexOf(':');
    if (colon <= 0) {
      throw WardenException.invalid(
          "`" + user + "` is not an OpenFGA user; write `type:id`, `type:id#relation` or `type:*`");
    }
    String type = type(head.substring(0, colon));
    String id = id(head.substring(colon + 1), user);
    if (hash >= 0) {
      return SubjectRef.userset(type, id, user.substring(hash + 1));
    }
    return id.equals("*") ? SubjectRef.wildcard(type) : SubjectRef.of(type, id);
  }

  /** {@code Document:1} back in OpenFGA's spelling, {@code document:1}. */
  public static String openFga(String wardenType, String id) {
    return TypeNames.fromWarden(wardenType) + ":" + id;
  }

  /**
   * An OpenFGA object id: Warden ids may hold {@code #} and whitespace, OpenFGA's may not ({@code
   * #} separates a userset's relation), so such text is refused rather than read with a new
   * meaning.
   */
  private static String id(String id, String text) {
    if (id.indexOf('#') >= 0 || id.chars().anyMatch(Character::isWhitespace)) {
      throw WardenException.invalid(
          "`" + text + "` is not an OpenFGA object or user: an id holds no `#` or whitespace");
    }
    return id;
  }

  private static String type(String fga) {
    if (!TypeNames.importableType(fga)) {
      throw WardenException.invalid(
          "`" + fga + "` is not an importable OpenFGA type name (`[a-z][A-Za-z0-9_]*`)");
    }
    return TypeNames.toWarden(fga);
  }
}
