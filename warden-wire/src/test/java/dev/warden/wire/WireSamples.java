package dev.warden.wire;

import dev.warden.api.AuthorizedSubject;
import dev.warden.api.AuthorizedUsers;
import dev.warden.api.Change;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.Decision;
import dev.warden.api.EntityRef;
import dev.warden.api.ExplainNode;
import dev.warden.api.Explanation;
import dev.warden.api.Grant;
import dev.warden.api.GrantCondition;
import dev.warden.api.GrantFilter;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupResourcesResult;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.LookupSubjectsResult;
import dev.warden.api.Mutation;
import dev.warden.api.Page;
import dev.warden.api.Precondition;
import dev.warden.api.Residual;
import dev.warden.api.SubjectRef;
import dev.warden.api.WriteBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random valid API messages, drawn from a seeded {@link Random}: every optional part is sometimes
 * present and sometimes absent, values are the plain types the wire carries (String, Long, Double,
 * Boolean, List, Map). Shared with the server's OpenAPI check through the test-jar.
 */
public final class WireSamples {

  private final Random random;

  public WireSamples(long seed) {
    this.random = new Random(seed);
  }

  // ------------------------------------------------------------------ requests

  public CheckRequest check() {
    SubjectRef actor = actor();
    CheckRequest.Builder b =
        CheckRequest.builder(actor, name(), entity())
            .tenant(maybe(this::id))
            .actorAttributes(actorValues(actor))
            .resourceAttributes(values(2))
            .context(values(2))
            .consistency(consistency());
    for (int i = random.nextInt(3); i > 0; i--) {
      b.contextualGrant(grant());
    }
    return b.build();
  }

  public List<CheckRequest> bulk() {
    List<CheckRequest> out = new ArrayList<>();
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      out.add(check());
    }
    return out;
  }

  public LookupResourcesRequest lookupResources() {
    SubjectRef actor = actor();
    return new LookupResourcesRequest(
        actor,
        name(),
        name(),
        maybe(this::id),
        actorValues(actor),
        values(2),
        grants(2),
        random.nextBoolean(),
        maybe(this::id),
        1 + random.nextInt(LookupResourcesRequest.MAX_LIMIT),
        consistency());
  }

  public LookupSubjectsRequest lookupSubjects() {
    return new LookupSubjectsRequest(
        name(),
        name(),
        maybe(this::id),
        maybe(this::id),
        name(),
        maybe(this::name),
        values(2),
        grants(2),
        consistency());
  }

  /** A check's or lookup's actor: mostly an entity, sometimes a userset or a wildcard. */
  private SubjectRef actor() {
    return switch (random.nextInt(4)) {
      case 0 -> SubjectRef.userset(name(), id(), name());
      case 1 -> SubjectRef.wildcard(name());
      default -> SubjectRef.of(entity());
    };
  }

  /** Just-in-time attributes, which only an entity actor may carry. */
  private Map<String, Object> actorValues(SubjectRef actor) {
    return actor.isUserset() || actor.isWildcard() ? Map.of() : values(2);
  }

  /** Touches, creates and deletes of grants, with preconditions. */
  public WriteBatch write() {
    List<Mutation> ms = new ArrayList<>();
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      Grant g = grant();
      ms.add(
          switch (random.nextInt(3)) {
            case 0 -> new Mutation.Touch(g);
            case 1 -> new Mutation.Create(g);
            default -> new Mutation.Delete(g);
          });
    }
    return new WriteBatch(ms, preconditions());
  }

  /** A delete of every grant a filter matches (the filter may match all). */
  public WriteBatch delete() {
    GrantFilter f = random.nextInt(4) == 0 ? GrantFilter.ALL : filter();
    return new WriteBatch(List.of(new Mutation.DeleteMatching(f)), preconditions());
  }

  /** A filter that is never {@link GrantFilter#ALL}. */
  public GrantFilter filter() {
    while (true) {
      String resourceType = maybe(this::name);
      String subjectType = maybe(this::name);
      GrantFilter f =
          new GrantFilter(
              resourceType,
              resourceType == null ? null : maybe(this::id),
              maybe(this::name),
              subjectType,
              subjectType == null ? null : maybe(this::id),
              subjectType == null ? null : maybe(this::name));
      if (!f.equals(GrantFilter.ALL)) {
        return f;
      }
    }
  }

  /** A read of grants; the filter is sometimes {@link GrantFilter#ALL}. */
  public ReadRequest read() {
    GrantFilter f = random.nextInt(4) == 0 ? GrantFilter.ALL : filter();
    return new ReadRequest(f, maybe(this::id), 1 + random.nextInt(ReadRequest.MAX_LIMIT));
  }

  /** An entity's attributes. */
  public Map<String, Object> attributes() {
    return values(4);
  }

  public Consistency consistency() {
    return random.nextBoolean()
        ? Consistency.latest()
        : Consistency.atLeast(random.nextInt(3) == 0 ? 0 : random.nextLong() & Long.MAX_VALUE);
  }

  public Grant grant() {
    SubjectRef subject =
        switch (random.nextInt(3)) {
          case 0 -> new SubjectRef(name(), id(), null);
          case 1 -> new SubjectRef(name(), id(), name());
          default -> SubjectRef.wildcard(name());
        };
    GrantCondition condition = random.nextBoolean() ? null : new GrantCondition(name(), values(3));
    return new Grant(entity(), name(), subject, condition);
  }

  // ------------------------------------------------------------------ answers

  public Decision decision() {
    return new Decision(random.nextBoolean(), revision(), maybe(this::id));
  }

  public List<Decision> decisions() {
    List<Decision> out = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      out.add(decision());
    }
    return out;
  }

  public Explanation explanation() {
    return new Explanation(decision(), explainNode(3));
  }

  public LookupResourcesResult resources() {
    List<String> ids = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      ids.add(id());
    }
    Residual residual = null;
    if (random.nextBoolean()) {
      Map<String, String> types = new LinkedHashMap<>();
      for (int i = random.nextInt(3); i > 0; i--) {
        types.put(name(), pick("string", "int", "bool", "timestamp"));
      }
      residual = new Residual("resource.level > " + random.nextInt(10), types);
    }
    return new LookupResourcesResult(ids, maybe(this::id), revision(), residual);
  }

  public LookupSubjectsResult subjects() {
    List<AuthorizedSubject> subjects = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      subjects.add(
          new AuthorizedSubject(new SubjectRef(name(), id(), maybe(this::name)), grants(2)));
    }
    return new LookupSubjectsResult(subjects, random.nextBoolean(), revision());
  }

  public AuthorizedUsers authorizedUsers() {
    Map<String, List<AuthorizedUsers.Assignment>> users = new LinkedHashMap<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      List<AuthorizedUsers.Assignment> as = new ArrayList<>();
      for (int j = 1 + random.nextInt(2); j > 0; j--) {
        as.add(new AuthorizedUsers.Assignment(id(), maybe(this::id), entity().toString(), name()));
      }
      users.put(id(), List.copyOf(as));
    }
    return new AuthorizedUsers(entity().toString(), maybe(this::id), users);
  }

  public Page<Grant> page() {
    return new Page<>(grants(3), maybe(this::id), revision());
  }

  public long revision() {
    return random.nextInt(3) == 0 ? 0 : random.nextLong() & Long.MAX_VALUE;
  }

  public Change change() {
    return switch (random.nextInt(4)) {
      case 0 -> new Change.GrantWritten(revision(), grant());
      case 1 -> new Change.GrantDeleted(revision(), grant());
      case 2 -> new Change.PolicyActivated(revision(), 1 + random.nextInt(1000));
      default -> new Change.AttributesSet(revision(), entity(), values(3));
    };
  }

  // ------------------------------------------------------------------ parts

  private ExplainNode explainNode(int depth) {
    List<ExplainNode> children = new ArrayList<>();
    if (depth > 0) {
      for (int i = random.nextInt(3); i > 0; i--) {
        children.add(explainNode(depth - 1));
      }
    }
    ExplainNode.Kind[] kinds = ExplainNode.Kind.values();
    return new ExplainNode(
        kinds[random.nextInt(kinds.length)],
        name() + "#" + name(),
        pick("allowed", "denied", "skipped"),
        maybe(() -> "because " + id()),
        children);
  }

  private List<Grant> grants(int most) {
    List<Grant> out = new ArrayList<>();
    for (int i = random.nextInt(most + 1); i > 0; i--) {
      out.add(grant());
    }
    return out;
  }

  private List<Precondition> preconditions() {
    List<Precondition> out = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      out.add(new Precondition(filter(), random.nextBoolean()));
    }
    return out;
  }

  private EntityRef entity() {
    return new EntityRef(name(), id());
  }

  /** A type, relation or action name. */
  private String name() {
    return pick("User", "Repository", "Team", "read", "admin", "member", "_x") + random.nextInt(50);
  }

  /** An object id, with some of the characters ids may hold. */
  private String id() {
    return pick("larry", "gmail", "a-b", "x/y", "ü😀", "a.b:c", "\"q\"") + random.nextInt(1000);
  }

  private Map<String, Object> values(int most) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = random.nextInt(most + 1); i > 0; i--) {
      m.put(name(), value(2));
    }
    return m;
  }

  /** A plain value as the server reads it back: Long for integers, Double for other numbers. */
  private Object value(int depth) {
    int kind = random.nextInt(depth > 0 ? 7 : 5);
    return switch (kind) {
      case 0 -> id();
      case 1 -> random.nextBoolean();
      case 2 -> random.nextLong();
      case 3 -> random.nextDouble() * 1e6 - 5e5;
      case 4 -> random.nextInt(100) == 0 ? 0.5 : (double) random.nextInt(1000) + 0.25;
      case 5 -> {
        List<Object> l = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          l.add(value(depth - 1));
        }
        yield l;
      }
      default -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          m.put(name(), value(depth - 1));
        }
        yield m;
      }
    };
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }

  private <T> T maybe(java.util.function.Supplier<T> s) {
    return random.nextBoolean() ? s.get() : null;
  }
}
