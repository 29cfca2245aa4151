package dev.warden.engine;

import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.SubjectRef;
import dev.warden.api.WardenException;
import dev.warden.model.RelationDef;
import dev.warden.model.RelationKind;
import dev.warden.model.SubjectType;
import dev.warden.model.TypeDef;
import dev.warden.store.index.Codes;
import dev.warden.store.index.ConditionalSubject;
import dev.warden.store.index.RelationshipIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Tenants: a type is tenant-scoped when it declares a relation named {@code tenant} to an object
 * type (usually {@code Tenant}); a resource belongs to the tenants its {@code tenant} grants name.
 * A request that names a tenant is answered inside it: a resource recorded in other tenants is
 * denied, and a resource with no recorded tenant is placed in the named one for that request. See
 * docs/tenants.md.
 */
final class Tenancy {

  /** The name of the relation that places a resource in a tenant. */
  static final String RELATION = "tenant";

  /** A resource type's tenant relation and the type of its tenants. */
  record Spec(String relation, String tenantType) {}

  /**
   * Where a request's resource sits: the contextual grants to evaluate with (the request's own,
   * plus a tenant placement when needed), or why the resource is outside the tenant.
   */
  record Placement(List<Grant> grants, String conflict) {}

  private Tenancy() {}

  /** The tenant spec of a type, or a precise error when the type is not tenant-scoped. */
  static Spec spec(TypeDef type) {
    RelationDef r = type.relation(RELATION);
    String hint =
        "; declare `relations = { tenant: Tenant }` on `" + type.name() + "` to scope it by tenant";
    if (r == null || r.kind() != RelationKind.RELATION) {
      throw WardenException.invalid("`" + type.name() + "` is not tenant-scoped" + hint);
    }
    for (SubjectType st : r.subjectTypes()) {
      if (st.isObject()) {
        return new Spec(RELATION, st.type());
      }
    }
    throw WardenException.invalid(
        "the `tenant` relation of `" + type.name() + "` accepts no plain object type" + hint);
  }

  /** Places a resource for a request naming {@code tenant} (null: no tenant, no change). */
  static Placement place(
      RelationshipIndex index,
      TypeDef type,
      EntityRef resource,
      String tenant,
      List<Grant> grants) {
    if (tenant == null) {
      return new Placement(grants, null);
    }
    Spec spec = spec(type);
    List<String> recorded = recordedTenants(index, resource, spec);
    if (!recorded.isEmpty()) {
      return recorded.contains(tenant)
          ? new Placement(grants, null)
          : new Placement(
              grants,
              "`"
                  + resource
                  + "` belongs to tenant "
                  + quoted(recorded)
                  + ", not `"
                  + tenant
                  + "`");
    }
    List<Grant> placed = new ArrayList<>(grants);
    placed.add(Grant.of(resource, spec.relation(), SubjectRef.of(spec.tenantType(), tenant)));
    return new Placement(placed, null);
  }

  /** The tenants a resource is recorded in (through stored grants). */
  static List<String> recordedTenants(RelationshipIndex index, EntityRef resource, Spec spec) {
    List<String> out = new ArrayList<>();
    int type = index.typeId(resource.type());
    int relation = index.relationId(spec.relation());
    long object = index.objectId(resource.id());
    int tenantType = index.typeId(spec.tenantType());
    if (type < 0 || relation < 0 || object < 0) {
      return out;
    }
    long node = Codes.node(type, object, relation);
    for (long code : index.subjects(node)) {
      addTenant(index, code, tenantType, out);
    }
    for (ConditionalSubject c : index.conditionalSubjects(node)) {
      addTenant(index, c.code(), tenantType, out);
    }
    return out;
  }

  private static void addTenant(
      RelationshipIndex index, long code, int tenantType, List<String> out) {
    if (Codes.subjectType(code) == tenantType && Codes.subjectRelation(code) == 0) {
      out.add(index.objectName(Codes.subjectObject(code)));
    }
  }

  /** Sorted: the index's order follows interning order, which differs between replicas. */
  private static String quoted(List<String> names) {
    List<String> q = new ArrayList<>();
    names.stream().sorted().forEach(n -> q.add("`" + n + "`"));
    return String.join(", ", q);
  }
}
