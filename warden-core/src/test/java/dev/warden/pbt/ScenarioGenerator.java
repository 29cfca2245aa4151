package dev.warden.pbt;

import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.GrantCondition;
import dev.warden.api.Mutation;
import dev.warden.api.SubjectRef;
import dev.warden.api.WriteBatch;
import dev.warden.model.AttributeType;
import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.RelationKind;
import dev.warden.model.Rewrite;
import dev.warden.model.Rule;
import dev.warden.model.SubjectType;
import dev.warden.model.TypeDef;
import dev.warden.model.TypeKind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates random but valid scenarios from a seed: a policy mixing roles, relations, nested
 * groups, wildcards, tuple-to-userset, intersection, exclusion, attribute rules, conditions and
 * tenants, with data full of cycles and missing attributes, later batches of writes and deletes,
 * and checks with request-time data, some naming a tenant.
 */
public final class ScenarioGenerator {

  private static final String[] RESOURCE_TYPES = {"Doc", "Folder", "Org"};
  private static final String[] ROLES = {"reader", "writer", "admin"};
  private static final String[] PERMISSIONS = {"view", "edit", "manage"};
  private static final String TENANT = "Tenant";
  private static final int STEPS = 3;

  private final Random rnd;

  /**
   * Draws for the constructs added later (arrows over usersets, {@code on all}) come from their own
   * stream, so a seed that draws none of them still yields the scenario it always did.
   */
  private final Random extras;

  private final long seed;
  private final Map<String, TypeDef> types = new LinkedHashMap<>();
  private final Map<String, List<String>> ids = new LinkedHashMap<>();
  private final StringBuilder source = new StringBuilder();
  private boolean bots;
  private boolean tenants;

  private ScenarioGenerator(long seed) {
    this.seed = seed;
    this.rnd = new Random(seed);
    this.extras = new Random(~seed);
  }

  /** The scenario of a seed; the same seed always gives the same scenario. */
  public static Scenario generate(long seed) {
    return generate(seed, 40);
  }

  /** The scenario of a seed with the given number of checks. */
  public static Scenario generate(long seed, int checks) {
    ScenarioGenerator g = new ScenarioGenerator(seed);
    Policy policy = g.policy();
    List<Grant> grants = g.grants();
    Map<EntityRef, Map<String, Object>> attributes = g.attributes();
    List<Scenario.Step> steps = g.steps(grants, attributes);
    List<CheckRequest> requests = new ArrayList<>();
    for (int i = 0; i < checks; i++) {
      requests.add(g.request());
    }
    return new Scenario(seed, policy, g.source.toString(), grants, attributes, steps, requests);
  }

  // ------------------------------------------------------------------ policy

  private Policy policy() {
    for (int attempt = 0; ; attempt++) {
      types.clear();
      ids.clear();
      source.setLength(0);
      buildTypes(attempt < 20);
      Policy p = new Policy(types, Map.of());
      if (!Stratification.hasNegativeCycle(p)) {
        source.append(Templates.CONDITIONS);
        return new Policy(types, conditions());
      }
    }
  }

  private static Map<String, dev.warden.model.ConditionDef> conditions() {
    Map<String, dev.warden.model.ConditionDef> c = new LinkedHashMap<>();
    c.put(
        "under",
        new dev.warden.model.ConditionDef(
            "under",
            List.of(new dev.warden.model.Parameter("limit", AttributeType.INT)),
            "context.amount <= limit"));
    c.put(
        "flagged",
        new dev.warden.model.ConditionDef(
            "flagged", List.of(new dev.warden.model.Parameter("on", AttributeType.BOOL)), "on"));
    c.put(
        "within",
        new dev.warden.model.ConditionDef(
            "within",
            List.of(
                new dev.warden.model.Parameter("ip", AttributeType.IPADDRESS),
                new dev.warden.model.Parameter("cidr", AttributeType.STRING)),
            "ip.in_cidr(cidr)"));
    c.put(
        "capped",
        new dev.warden.model.ConditionDef(
            "capped",
            List.of(
                new dev.warden.model.Parameter("n", AttributeType.UINT),
                new dev.warden.model.Parameter("cap", AttributeType.UINT)),
            "n <= cap"));
    c.put(
        "leveled",
        new dev.warden.model.ConditionDef(
            "leveled",
            List.of(new dev.warden.model.Parameter("m", AttributeType.mapOf(AttributeType.INT))),
            "m.level >= 2"));
    return c;
  }

  private void buildTypes(boolean allowExclusion) {
    bots = rnd.nextInt(10) < 3;
    actor("User");
    Map<String, RelationDef> groupRelations = new LinkedHashMap<>();
    groupRelations.put(
        "member",
        new RelationDef(
            "member",
            RelationKind.RELATION,
            List.of(SubjectType.object("User"), SubjectType.userset("Group", "member")),
            List.of()));
    types.put("Group", new TypeDef("Group", TypeKind.ACTOR, groupRelations, Map.of()));
    source.append("actor Group {\n  relations = { member: User | Group#member };\n}\n\n");
    ids.put("Group", List.of("g0", "g1", "g2"));
    if (bots) {
      actor("Bot");
    }
    tenants = rnd.nextInt(10) < 4;
    if (tenants) {
      tenantType();
    }
    int count = 1 + rnd.nextInt(RESOURCE_TYPES.length);
    List<String> names = new ArrayList<>(List.of(RESOURCE_TYPES).subList(0, count));
    for (String name : names) {
      ids.put(
          name,
          List.of(prefix(name) + "0", prefix(name) + "1", prefix(name) + "2", prefix(name) + "3"));
    }
    List<Pending> pending = new ArrayList<>();
    for (String name : names) {
      pending.add(declareResource(name, names, allowExclusion));
    }
    // Rules may name relations of types declared later, so they are filled in a second pass.
    pending.forEach(this::fillRules);
  }

  private void actor(String name) {
    types.put(
        name, new TypeDef(name, TypeKind.ACTOR, Map.of(), Map.of("level", AttributeType.INT)));
    source.append("actor ").append(name).append(" {\n  attributes = { level: int };\n}\n\n");
    ids.put(name, name.equals("User") ? List.of("u0", "u1", "u2", "u3") : List.of("b0", "b1"));
  }

  /** The tenants' type: tenant admins are tenant viewers; resources may point to it. */
  private void tenantType() {
    Map<String, RelationDef> relations = new LinkedHashMap<>();
    relations.put(
        "viewer",
        new RelationDef(
            "viewer",
            RelationKind.ROLE,
            roleSubjects(),
            List.of(new Rule(new Rewrite.Computed("admin"), "\"viewer\" if \"admin\"", ""))));
    relations.put("admin", new RelationDef("admin", RelationKind.ROLE, roleSubjects(), List.of()));
    types.put(TENANT, new TypeDef(TENANT, TypeKind.RESOURCE, relations, Map.of()));
    source.append(
        "resource Tenant {\n  roles = [\"viewer\", \"admin\"];\n  \"viewer\" if \"admin\";\n}\n\n");
    ids.put(TENANT, List.of("t0", "t1", "t2"));
  }

  private static String prefix(String type) {
    return type.substring(0, 1).toLowerCase(java.util.Locale.ROOT);
  }

  private List<SubjectType> roleSubjects() {
    List<SubjectType> s = new ArrayList<>();
    for (TypeDef t : types.values()) {
      if (t.kind() == TypeKind.ACTOR) {
        s.add(SubjectType.object(t.name()));
        s.add(SubjectType.wildcard(t.name()));
        for (String r : t.relations().keySet()) {
          s.add(SubjectType.userset(t.name(), r));
        }
      }
    }
    return s;
  }

  private Pending declareResource(String name, List<String> resourceTypes, boolean allowExclusion) {
    Map<String, RelationDef> relations = new LinkedHashMap<>();
    List<String> relationSource = new ArrayList<>();
    List<SubjectType> parentTypes = new ArrayList<>();
    parentTypes.add(SubjectType.object(pick(resourceTypes)));
    if (rnd.nextBoolean()) {
      String second = pick(resourceTypes);
      if (!second.equals(parentTypes.get(0).type())) {
        parentTypes.add(SubjectType.object(second));
      }
    }
    relations.put(
        "parent", new RelationDef("parent", RelationKind.RELATION, parentTypes, List.of()));
    relationSource.add("parent: " + join(parentTypes));
    if (tenants && rnd.nextInt(3) > 0) {
      List<SubjectType> tenant = List.of(SubjectType.object(TENANT));
      relations.put("tenant", new RelationDef("tenant", RelationKind.RELATION, tenant, List.of()));
      relationSource.add("tenant: " + TENANT);
    }
    if (rnd.nextBoolean()) {
      List<SubjectType> viewer =
          List.of(
              SubjectType.object("User"),
              SubjectType.wildcard("User"),
              SubjectType.userset("Group", "member"));
      relations.put("viewer", new RelationDef("viewer", RelationKind.RELATION, viewer, List.of()));
      relationSource.add("viewer: " + join(viewer));
    }
    if (extras.nextInt(3) == 0) {
      // A relation to usersets, which `on` follows to their objects (every type has "reader").
      List<SubjectType> via = new ArrayList<>();
      via.add(SubjectType.userset("Group", "member"));
      via.add(
          SubjectType.userset(resourceTypes.get(extras.nextInt(resourceTypes.size())), "reader"));
      if (extras.nextBoolean()) {
        via.add(SubjectType.object(resourceTypes.get(extras.nextInt(resourceTypes.size()))));
      }
      relations.put("via", new RelationDef("via", RelationKind.RELATION, via, List.of()));
      relationSource.add("via: " + join(via));
    }
    List<String> roles = List.of(ROLES).subList(0, 1 + rnd.nextInt(ROLES.length));
    List<String> permissions = List.of(PERMISSIONS).subList(0, 1 + rnd.nextInt(PERMISSIONS.length));
    // Placeholder definitions so rule generation can see every name of every type.
    for (String r : roles) {
      relations.put(r, new RelationDef(r, RelationKind.ROLE, roleSubjects(), List.of()));
    }
    for (String p : permissions) {
      relations.put(p, new RelationDef(p, RelationKind.PERMISSION, List.of(), List.of()));
    }
    types.put(name, new TypeDef(name, TypeKind.RESOURCE, relations, attributesOf()));
    return new Pending(name, roles, permissions, relationSource, allowExclusion);
  }

  private record Pending(
      String type,
      List<String> roles,
      List<String> permissions,
      List<String> relationSource,
      boolean allowExclusion) {}

  private static Map<String, AttributeType> attributesOf() {
    Map<String, AttributeType> a = new LinkedHashMap<>();
    a.put("flag", AttributeType.BOOL);
    a.put("tier", AttributeType.INT);
    return a;
  }

  private void fillRules(Pending p) {
    TypeDef t = types.get(p.type());
    Map<String, RelationDef> relations = new LinkedHashMap<>(t.relations());
    List<String> order = new ArrayList<>(relations.keySet());
    List<String> ruleSource = new ArrayList<>();
    for (String name : order) {
      RelationDef def = relations.get(name);
      if (def.kind() == RelationKind.RELATION) {
        continue;
      }
      int count = def.kind() == RelationKind.PERMISSION ? rnd.nextInt(4) : rnd.nextInt(3);
      if (def.kind() == RelationKind.PERMISSION && count == 0 && rnd.nextInt(4) > 0) {
        count = 1;
      }
      List<Rule> rules = new ArrayList<>();
      List<String> earlier = order.subList(0, order.indexOf(name));
      for (int i = 0; i < count; i++) {
        Expr e = expr(t, earlier, 0, p.allowExclusion(), def.kind().grantable());
        if (e == null) {
          continue;
        }
        String text = "\"" + name + "\" if " + e.text;
        rules.add(new Rule(e.rewrite, text, ""));
        ruleSource.add(text);
      }
      relations.put(name, new RelationDef(name, def.kind(), def.subjectTypes(), rules));
    }
    types.put(p.type(), new TypeDef(t.name(), t.kind(), relations, t.attributes()));
    appendResourceSource(p, ruleSource);
  }

  private void appendResourceSource(Pending p, List<String> rules) {
    source.append("resource ").append(p.type()).append(" {\n");
    source.append("  permissions = [").append(quoted(p.permissions())).append("];\n");
    source.append("  roles = [").append(quoted(p.roles())).append("];\n");
    source.append("  relations = { ").append(String.join(", ", p.relationSource())).append(" };\n");
    source.append("  attributes = { flag: bool, tier: int };\n");
    for (String r : rules) {
      source.append("  ").append(r).append(";\n");
    }
    source.append("}\n\n");
  }

  private static String quoted(List<String> names) {
    List<String> q = new ArrayList<>();
    names.forEach(n -> q.add("\"" + n + "\""));
    return String.join(", ", q);
  }

  private static String join(List<SubjectType> types) {
    List<String> s = new ArrayList<>();
    types.forEach(t -> s.add(t.toString()));
    return String.join(" | ", s);
  }

  private record Expr(Rewrite rewrite, String text) {}

  /**
   * A random rule body; {@code grantable} when the rule's head is a role, whose rules may then name
   * its grants with {@code this} (and so drop their implicit union with them).
   */
  private Expr expr(
      TypeDef t, List<String> earlier, int depth, boolean allowExclusion, boolean grantable) {
    if (grantable && rnd.nextInt(6) == 0) {
      return new Expr(new Rewrite.Direct(), "this");
    }
    int choice = rnd.nextInt(depth >= 2 ? 3 : 6);
    // Leaves fall back in order when a kind has nothing to refer to: computed, then
    // tuple-to-userset, then an attribute rule, which always exists.
    if (choice == 0 && !earlier.isEmpty()) {
      String r = pick(earlier);
      return new Expr(new Rewrite.Computed(r), "\"" + r + "\"");
    }
    if (choice <= 1) {
      Expr ttu = tupleToUserset(t);
      if (ttu != null) {
        return ttu;
      }
    }
    if (choice <= 2) {
      String cel = Templates.RULES.get(rnd.nextInt(Templates.RULES.size())).cel();
      return new Expr(new Rewrite.Attribute(cel), cel);
    }
    if (choice == 3) {
      return combine(t, earlier, depth, allowExclusion, grantable, "or");
    }
    if (choice == 4) {
      return combine(t, earlier, depth, allowExclusion, grantable, "and");
    }
    return allowExclusion
        ? combine(t, earlier, depth, true, grantable, "and not")
        : combine(t, earlier, depth, false, grantable, "or");
  }

  private Expr combine(
      TypeDef t,
      List<String> earlier,
      int depth,
      boolean allowExclusion,
      boolean grantable,
      String op) {
    Expr a = expr(t, earlier, depth + 1, allowExclusion, grantable);
    Expr b = expr(t, earlier, depth + 1, allowExclusion, grantable);
    Rewrite r =
        switch (op) {
          case "or" -> new Rewrite.Union(List.of(a.rewrite, b.rewrite));
          case "and" -> new Rewrite.Intersection(List.of(a.rewrite, b.rewrite));
          default -> new Rewrite.Exclusion(a.rewrite, b.rewrite);
        };
    return new Expr(r, "(" + a.text + " " + op + " " + b.text + ")");
  }

  private Expr tupleToUserset(TypeDef t) {
    String tupleset = t.relation("tenant") != null && rnd.nextInt(3) == 0 ? "tenant" : "parent";
    if (t.relation("via") != null && extras.nextInt(3) == 0) {
      tupleset = "via";
    }
    RelationDef parent = t.relation(tupleset);
    Set<String> candidates = new LinkedHashSet<>();
    for (SubjectType st : parent.subjectTypes()) {
      TypeDef target = types.get(st.type());
      if (target != null) {
        for (RelationDef r : target.relations().values()) {
          if (r.kind() != RelationKind.RELATION || target.name().equals("Group")) {
            candidates.add(r.name());
          }
        }
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    String c = pick(new ArrayList<>(candidates));
    boolean all = extras.nextInt(3) == 0;
    return new Expr(
        new Rewrite.TupleToUserset(tupleset, c, all),
        "\"" + c + "\" on " + (all ? "all " : "") + "\"" + tupleset + "\"");
  }

  // ------------------------------------------------------------------ data

  private List<Grant> grants() {
    List<Grant> out = new ArrayList<>();
    for (String g : ids.get("Group")) {
      int members = rnd.nextInt(4);
      for (int i = 0; i < members; i++) {
        out.add(grant(new EntityRef("Group", g), "member", types.get("Group").relation("member")));
      }
    }
    for (TypeDef t : types.values()) {
      if (t.kind() != TypeKind.RESOURCE) {
        continue;
      }
      for (String id : ids.get(t.name())) {
        for (RelationDef r : t.relations().values()) {
          if (!r.kind().grantable()) {
            continue;
          }
          int n = rnd.nextInt(10) < 6 ? 0 : 1 + rnd.nextInt(2);
          for (int i = 0; i < n; i++) {
            out.add(grant(new EntityRef(t.name(), id), r.name(), r));
          }
        }
      }
    }
    // A later grant of the same triple replaces an earlier one, as a store would.
    Map<Grant, Grant> byKey = new LinkedHashMap<>();
    out.forEach(g -> byKey.put(g.key(), g));
    return new ArrayList<>(byKey.values());
  }

  /**
   * Batches written after the first load: new grants, conditions replaced on existing ones, deletes
   * of existing and of absent grants, attributes replaced or removed. Each step records the data it
   * leaves, applied in order as a store would.
   */
  private List<Scenario.Step> steps(
      List<Grant> initialGrants, Map<EntityRef, Map<String, Object>> initialAttributes) {
    Map<Grant, Grant> grants = new LinkedHashMap<>();
    initialGrants.forEach(g -> grants.put(g.key(), g));
    Map<EntityRef, Map<String, Object>> attributes = new LinkedHashMap<>(initialAttributes);
    List<Scenario.Step> out = new ArrayList<>();
    for (int step = 0; step < STEPS; step++) {
      List<Mutation> batch = new ArrayList<>();
      int size = 1 + rnd.nextInt(6);
      for (int i = 0; i < size; i++) {
        int kind = rnd.nextInt(10);
        if (kind < 4 || grants.isEmpty()) {
          Grant g = anyGrant();
          batch.add(new Mutation.Touch(g));
          grants.put(g.key(), g);
        } else if (kind < 5) {
          Grant old = pick(new ArrayList<>(grants.values()));
          Grant g =
              new Grant(
                  old.resource(),
                  old.relation(),
                  old.subject(),
                  old.condition() == null ? condition() : null);
          batch.add(new Mutation.Touch(g));
          grants.put(g.key(), g);
        } else if (kind < 8) {
          Grant g = pick(new ArrayList<>(grants.values()));
          batch.add(new Mutation.Delete(g));
          grants.remove(g.key());
        } else if (kind < 9) {
          Grant g = anyGrant();
          batch.add(new Mutation.Delete(g));
          grants.remove(g.key());
        } else {
          TypeDef t = pick(new ArrayList<>(types.values()));
          EntityRef e = new EntityRef(t.name(), pick(ids.get(t.name())));
          Map<String, Object> a = rnd.nextInt(3) == 0 ? Map.of() : randomAttributes(t);
          batch.add(new Mutation.SetAttributes(e, a));
          if (a.isEmpty()) {
            attributes.remove(e);
          } else {
            attributes.put(e, a);
          }
        }
      }
      out.add(
          new Scenario.Step(
              new WriteBatch(batch, List.of()),
              List.copyOf(grants.values()),
              Map.copyOf(attributes)));
    }
    return out;
  }

  /** A grant on any grantable relation of any type. */
  private Grant anyGrant() {
    List<TypeDef> grantable = new ArrayList<>();
    for (TypeDef t : types.values()) {
      if (t.relations().values().stream().anyMatch(r -> r.kind().grantable())) {
        grantable.add(t);
      }
    }
    TypeDef t = pick(grantable);
    List<RelationDef> rels = new ArrayList<>();
    t.relations().values().stream().filter(r -> r.kind().grantable()).forEach(rels::add);
    RelationDef r = pick(rels);
    return grant(new EntityRef(t.name(), pick(ids.get(t.name()))), r.name(), r);
  }

  private Grant grant(EntityRef resource, String relation, RelationDef def) {
    SubjectType st = pick(def.subjectTypes());
    SubjectRef subject;
    if (st.wildcard()) {
      subject = SubjectRef.wildcard(st.type());
    } else if (st.relation() != null) {
      subject = SubjectRef.userset(st.type(), pick(ids.get(st.type())), st.relation());
    } else {
      subject = SubjectRef.of(st.type(), pick(ids.get(st.type())));
    }
    return new Grant(resource, relation, subject, rnd.nextInt(100) < 15 ? condition() : null);
  }

  private static final String[] CIDRS = {
    "10.0.0.0/8", "10.1.0.0/16", "2001:db8::/32", "10.0.0.0/40", "10.0.0.0", "0.0.0.0/0"
  };
  private static final String[] IPS = {
    "10.1.2.3", "10.2.0.1", "192.168.0.1", "2001:db8::5", "::1", "::ffff:10.1.9.9"
  };
  private static final BigInteger UINT_MAX = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);

  private GrantCondition condition() {
    int kind = rnd.nextInt(5);
    if (kind == 2) {
      return rnd.nextBoolean()
          ? new GrantCondition("within", Map.of("cidr", CIDRS[rnd.nextInt(CIDRS.length)]))
          : GrantCondition.of("within");
    }
    if (kind == 3) {
      return rnd.nextBoolean()
          ? new GrantCondition("capped", Map.of("cap", uint()))
          : GrantCondition.of("capped");
    }
    if (kind == 4) {
      return rnd.nextBoolean()
          ? new GrantCondition("leveled", Map.of("m", levelMap()))
          : GrantCondition.of("leveled");
    }
    if (rnd.nextBoolean()) {
      return rnd.nextBoolean()
          ? new GrantCondition("under", Map.of("limit", (long) rnd.nextInt(6)))
          : GrantCondition.of("under");
    }
    return rnd.nextBoolean()
        ? new GrantCondition("flagged", Map.of("on", rnd.nextBoolean()))
        : GrantCondition.of("flagged");
  }

  /** A uint: small, or at the top of the unsigned range (above a signed long). */
  private Object uint() {
    return rnd.nextInt(4) == 0
        ? UINT_MAX.subtract(BigInteger.valueOf(rnd.nextInt(2)))
        : (Object) (long) rnd.nextInt(6);
  }

  /** A map<int>, with or without the key the condition reads. */
  private Map<String, Object> levelMap() {
    return rnd.nextInt(4) == 0
        ? Map.of("other", 1L)
        : Map.of("level", (long) rnd.nextInt(4), "other", 0L);
  }

  private Map<EntityRef, Map<String, Object>> attributes() {
    Map<EntityRef, Map<String, Object>> out = new LinkedHashMap<>();
    for (TypeDef t : types.values()) {
      for (String id : ids.get(t.name())) {
        Map<String, Object> a = randomAttributes(t);
        if (!a.isEmpty()) {
          out.put(new EntityRef(t.name(), id), a);
        }
      }
    }
    return out;
  }

  /** Random values for some of a type's declared attributes. */
  private Map<String, Object> randomAttributes(TypeDef t) {
    Map<String, Object> a = new LinkedHashMap<>();
    if (t.attributes().containsKey("flag") && rnd.nextInt(10) < 7) {
      a.put("flag", rnd.nextBoolean());
    }
    if (t.attributes().containsKey("tier") && rnd.nextInt(10) < 6) {
      a.put("tier", (long) rnd.nextInt(5));
    }
    if (t.attributes().containsKey("level") && rnd.nextInt(10) < 7) {
      a.put("level", (long) rnd.nextInt(5));
    }
    return a;
  }

  private CheckRequest request() {
    String actorType = rnd.nextInt(10) < 7 ? "User" : bots && rnd.nextBoolean() ? "Bot" : "Group";
    String actorId = rnd.nextInt(12) == 0 ? "x9" : pick(ids.get(actorType));
    List<String> resourceTypes = new ArrayList<>();
    types.values().stream()
        .filter(t -> t.kind() == TypeKind.RESOURCE)
        .forEach(t -> resourceTypes.add(t.name()));
    TypeDef rt = types.get(pick(resourceTypes));
    String resourceId = rnd.nextInt(10) == 0 ? "zz" : pick(ids.get(rt.name()));
    String action = pick(new ArrayList<>(rt.relations().keySet()));
    SubjectRef subject = subject(actorType, actorId, rt, resourceId);
    CheckRequest.Builder b =
        CheckRequest.builder(subject, action, new EntityRef(rt.name(), resourceId));
    // Mostly tenants of tenant-scoped types; rarely one on a type without tenants (an error).
    if (tenants && rnd.nextInt(10) < (rt.relation("tenant") != null ? 4 : 1)) {
      b.tenant(rnd.nextInt(5) == 0 ? "t9" : pick(ids.get(TENANT)));
    }
    // Just-in-time attributes must be declared on the actor's type, or the request is refused.
    if (rnd.nextInt(4) == 0
        && !subject.isUserset()
        && !subject.isWildcard()
        && types.get(actorType).attributes().containsKey("level")) {
      b.actorAttributes(Map.of("level", (long) rnd.nextInt(5)));
    }
    if (rnd.nextInt(4) == 0 && rt.attributes().containsKey("flag")) {
      b.resourceAttributes(
          rnd.nextBoolean()
              ? Map.of("flag", rnd.nextBoolean())
              : Map.of("tier", (long) rnd.nextInt(5)));
    }
    Map<String, Object> context = new LinkedHashMap<>();
    if (rnd.nextInt(10) < 4) {
      context.put("amount", (long) rnd.nextInt(6));
    }
    if (rnd.nextInt(10) < 3) {
      context.put("mode", rnd.nextBoolean() ? "open" : "closed");
    }
    if (rnd.nextInt(10) < 2) {
      context.put("limit", (long) rnd.nextInt(6));
    }
    if (rnd.nextInt(10) < 2) {
      context.put("on", rnd.nextBoolean());
    }
    if (rnd.nextInt(10) < 4) {
      context.put("ip", IPS[rnd.nextInt(IPS.length)]);
    }
    if (rnd.nextInt(10) < 4) {
      context.put("n", uint());
    }
    if (rnd.nextInt(10) < 2) {
      context.put("m", levelMap());
    }
    b.context(context);
    if (rnd.nextInt(100) < 15) {
      int n = 1 + rnd.nextInt(2);
      for (int i = 0; i < n; i++) {
        b.contextualGrant(contextualGrant(subject));
      }
    }
    return b.build();
  }

  /**
   * The request's subject: mostly the entity, sometimes a userset (a group's members, or a relation
   * of a resource, often the requested one, which contains itself) or a wildcard.
   */
  private SubjectRef subject(String actorType, String actorId, TypeDef rt, String resourceId) {
    int shape = rnd.nextInt(12);
    if (shape == 0) {
      return SubjectRef.userset("Group", pick(ids.get("Group")), "member");
    }
    if (shape == 1) {
      String id = rnd.nextBoolean() ? resourceId : pick(ids.get(rt.name()));
      return SubjectRef.userset(rt.name(), id, pick(new ArrayList<>(rt.relations().keySet())));
    }
    if (shape == 2) {
      return SubjectRef.wildcard(actorType);
    }
    return SubjectRef.of(actorType, actorId);
  }

  private Grant contextualGrant(SubjectRef subject) {
    Grant g = anyGrant();
    RelationDef r = types.get(g.resource().type()).relation(g.relation());
    // Often give the grant to the checking subject itself, which may be unknown to the store.
    if (rnd.nextBoolean() && r.allows(subject.type(), subject.relation(), subject.isWildcard())) {
      return new Grant(g.resource(), g.relation(), subject, g.condition());
    }
    return g;
  }

  private <T> T pick(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }

  @Override
  public String toString() {
    return "ScenarioGenerator(" + seed + ")";
  }
}
