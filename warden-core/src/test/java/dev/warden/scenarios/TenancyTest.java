package dev.warden.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.WardenException;
import org.junit.jupiter.api.Test;

class TenancyTest {

  static Warden warden() {
    Warden w =
        Warden.builder()
            .policy(
                "repo.warden",
                AuthorizedUsersTest.POLICY + "\nresource Note { roles = [\"reader\"]; }\n")
            .build();
    w.grant(
        "repo:OPAL#tenant@Tenant:default",
        "repo:OPA#tenant@Tenant:default",
        "repo:Acme1#tenant@Tenant:acme",
        "Tenant:default#viewer@User:dana",
        "Tenant:acme#admin@User:mallory");
    return w;
  }

  static CheckRequest read(String user, String repo, String tenant) {
    return CheckRequest.builder(EntityRef.of("User", user), "read", EntityRef.of("repo", repo))
        .tenant(tenant)
        .build();
  }

  @Test
  void tenantRolesReachOnlyTheirTenantsResources() {
    try (Warden w = warden()) {
      assertThat(w.check(read("dana", "OPAL", null)).allowed()).isTrue();
      assertThat(w.check(read("dana", "Acme1", null)).allowed()).isFalse();
      assertThat(w.check(read("mallory", "Acme1", null)).allowed()).isTrue();
      assertThat(w.check(read("mallory", "OPAL", null)).allowed()).isFalse();
    }
  }

  @Test
  void aResourceRecordedInAnotherTenantIsDeniedWithTheReason() {
    try (Warden w = warden()) {
      assertThat(w.check(read("dana", "OPAL", "default")).allowed()).isTrue();
      // mallory is an admin of acme; claiming OPAL is in acme must not make it so.
      assertThat(w.check(read("mallory", "OPAL", "acme")).allowed()).isFalse();
      assertThat(w.explain(read("mallory", "OPAL", "acme")).root().reason())
          .isEqualTo("`repo:OPAL` belongs to tenant `default`, not `acme`");
    }
  }

  @Test
  void aResourceWithNoRecordedTenantIsPlacedInTheRequestsTenant() {
    try (Warden w = warden()) {
      assertThat(w.check(read("mallory", "new-repo", "acme")).allowed()).isTrue();
      assertThat(w.check(read("mallory", "new-repo", "default")).allowed()).isFalse();
      assertThat(w.check(read("dana", "new-repo", "default")).allowed()).isTrue();
      assertThat(w.check(read("dana", "new-repo", null)).allowed()).isFalse();
    }
  }

  @Test
  void lookupsInATenantListOnlyItsRecordedResources() {
    try (Warden w = warden()) {
      var all = LookupResourcesRequest.of(EntityRef.of("User", "dana"), "read", "repo");
      assertThat(w.lookupResources(all).ids()).containsExactly("OPA", "OPAL");
      assertThat(w.lookupResources(all.inTenant("acme")).ids()).isEmpty();
      assertThat(w.lookupResources(all.inTenant("default")).ids()).containsExactly("OPA", "OPAL");
    }
  }

  @Test
  void aTenantOnATypeWithoutTenantsIsAnError() {
    try (Warden w = warden()) {
      CheckRequest r =
          CheckRequest.builder(EntityRef.of("User", "dana"), "reader", EntityRef.of("Note", "n1"))
              .tenant("default")
              .build();
      assertThatThrownBy(() -> w.check(r))
          .isInstanceOf(WardenException.class)
          .hasMessage(
              "`Note` is not tenant-scoped; declare `relations = { tenant: Tenant }` on `Note` to"
                  + " scope it by tenant");
    }
  }
}
