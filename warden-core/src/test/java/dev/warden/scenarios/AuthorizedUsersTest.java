package dev.warden.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.Warden;
import dev.warden.api.EntityRef;
import dev.warden.api.LookupSubjectsRequest;
import org.junit.jupiter.api.Test;

/** The authorized-users examples of a Permit-style PDP, as exact JSON. */
class AuthorizedUsersTest {

  static final String POLICY =
      """
      actor User {}

      resource Tenant {
        roles = ["viewer", "admin"];
        "viewer" if "admin";
      }

      resource repo {
        permissions = ["read"];
        roles = ["reader", "admin"];
        relations = { tenant: Tenant };
        "admin" if "admin" on "tenant";
        "reader" if "viewer" on "tenant";
        "reader" if "admin";
        "read" if "reader";
      }
      """;

  static final ObjectMapper JSON = new ObjectMapper();

  static Warden warden(boolean tenantAdmin) {
    Warden w = Warden.builder().policy("repo.warden", POLICY).build();
    w.grant("repo:OPAL#tenant@Tenant:default", "repo:OPAL#admin@User:user1");
    if (tenantAdmin) {
      w.grant("Tenant:default#admin@User:user1");
    }
    return w;
  }

  static String json(Warden w, LookupSubjectsRequest request) throws Exception {
    return JSON.writeValueAsString(w.authorizedUsers(request));
  }

  @Test
  void instanceLevelWithATenantLevelAssignment() throws Exception {
    try (Warden w = warden(true)) {
      var request =
          LookupSubjectsRequest.of("read", EntityRef.of("repo", "OPAL"), "User")
              .inTenant("default");
      assertThat(json(w, request))
          .isEqualTo(
              "{\"resource\":\"repo:OPAL\",\"tenant\":\"default\",\"users\":{\"user1\":["
                  + "{\"user\":\"user1\",\"tenant\":\"default\",\"resource\":\"repo:OPAL\",\"role\":\"admin\"},"
                  + "{\"user\":\"user1\",\"tenant\":\"default\",\"resource\":\"__tenant:default\",\"role\":\"admin\"}]}}");
    }
  }

  @Test
  void instanceLevelWithoutATenantLevelAssignment() throws Exception {
    try (Warden w = warden(false)) {
      var request =
          LookupSubjectsRequest.of("read", EntityRef.of("repo", "OPAL"), "User")
              .inTenant("default");
      assertThat(json(w, request))
          .isEqualTo(
              "{\"resource\":\"repo:OPAL\",\"tenant\":\"default\",\"users\":{\"user1\":["
                  + "{\"user\":\"user1\",\"tenant\":\"default\",\"resource\":\"repo:OPAL\",\"role\":\"admin\"}]}}");
    }
  }

  @Test
  void typeLevelListsOnlyTenantLevelAssignments() throws Exception {
    try (Warden w = warden(true)) {
      var request = LookupSubjectsRequest.ofType("read", "repo", "User").inTenant("default");
      assertThat(json(w, request))
          .isEqualTo(
              "{\"resource\":\"repo:*\",\"tenant\":\"default\",\"users\":{\"user1\":["
                  + "{\"user\":\"user1\",\"tenant\":\"default\",\"resource\":\"__tenant:default\",\"role\":\"admin\"}]}}");
    }
  }

  @Test
  void typeLevelWithoutATenantLevelAssignmentIsEmpty() throws Exception {
    try (Warden w = warden(false)) {
      var request = LookupSubjectsRequest.ofType("read", "repo", "User").inTenant("default");
      assertThat(json(w, request))
          .isEqualTo("{\"resource\":\"repo:*\",\"tenant\":\"default\",\"users\":{}}");
    }
  }

  @Test
  void anotherTenantsAdminIsNotAuthorized() throws Exception {
    try (Warden w = warden(false)) {
      w.grant("Tenant:acme#admin@User:mallory");
      var inDefault =
          LookupSubjectsRequest.of("read", EntityRef.of("repo", "OPAL"), "User")
              .inTenant("default");
      assertThat(w.authorizedUsers(inDefault).users()).containsOnlyKeys("user1");
      // Asking as if OPAL were in acme: it is recorded in default, so nobody is authorized.
      var inAcme =
          LookupSubjectsRequest.of("read", EntityRef.of("repo", "OPAL"), "User").inTenant("acme");
      assertThat(w.authorizedUsers(inAcme).users()).isEmpty();
    }
  }
}
