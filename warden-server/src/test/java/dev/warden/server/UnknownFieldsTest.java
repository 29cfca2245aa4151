package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A misspelt field at any depth of any request is a 422 naming its JSON path, with a did-you-mean
 * hint, and changes nothing. On main before this test, every nested case was accepted with the
 * field ignored: {@code resource.tennant} dropped the tenant, {@code must_exsit} turned a
 * precondition into its default, {@code consistency.atleast} read at the latest revision.
 */
class UnknownFieldsTest {

  /** A request with one misspelt field, and what the error must say. */
  record Case(String path, String body, String field, String hint) {
    @Override
    public String toString() {
      return field;
    }
  }

  private static final String ACTOR = "{\"type\":\"User\",\"id\":\"larry\"}";
  private static final String REPO = "{\"type\":\"Repository\",\"id\":\"gmail\"}";
  private static final String GRANT =
      "{\"resource\":" + REPO + ",\"relation\":\"admin\",\"subject\":" + ACTOR + "}";

  static List<Case> cases() {
    return List.of(
        new Case(
            "/v1/check",
            "{\"actor\":{\"type\":\"User\",\"id\":\"larry\",\"atributes\":{}},\"action\":\"read\","
                + "\"resource\":"
                + REPO
                + "}",
            "actor.atributes",
            "attributes"),
        new Case(
            "/v1/check",
            "{\"actor\":"
                + ACTOR
                + ",\"action\":\"read\",\"resource\":{\"type\":\"Repository\",\"id\":\"gmail\","
                + "\"tennant\":\"acme\"}}",
            "resource.tennant",
            "tenant"),
        new Case(
            "/v1/check",
            "{\"actor\":"
                + ACTOR
                + ",\"action\":\"read\",\"resource\":"
                + REPO
                + ",\"consistency\":{\"atleast\":1}}",
            "consistency.atleast",
            "at_least"),
        new Case(
            "/v1/check",
            "{\"actor\":"
                + ACTOR
                + ",\"action\":\"read\",\"resource\":"
                + REPO
                + ",\"contextual_grants\":[{\"resource\":"
                + REPO
                + ",\"relation\":\"admin\",\"subject\":{\"type\":\"User\",\"id\":\"x\","
                + "\"relaton\":\"member\"}}]}",
            "contextual_grants[0].subject.relaton",
            "relation"),
        new Case(
            "/v1/check/bulk",
            "{\"checks\":[{\"actor\":"
                + ACTOR
                + ",\"action\":\"read\",\"resource\":"
                + REPO
                + "},{\"actor\":{\"type\":\"User\",\"idd\":\"x\"},\"action\":\"read\","
                + "\"resource\":"
                + REPO
                + "}]}",
            "checks[1].actor.idd",
            "id"),
        new Case(
            "/v1/lookup/resources",
            "{\"actor\":{\"type\":\"User\",\"id\":\"larry\",\"attribute\":{}},\"action\":\"read\","
                + "\"resource_type\":\"Repository\"}",
            "actor.attribute",
            "attributes"),
        new Case(
            "/v1/lookup/subjects",
            "{\"action\":\"read\",\"resource\":{\"type\":\"Repository\",\"id\":\"gmail\","
                + "\"tenat\":\"acme\"},\"subject_type\":\"User\"}",
            "resource.tenat",
            "tenant"),
        new Case(
            "/v1/relationships/write",
            "{\"updates\":[{\"operation\":\"touch\",\"grant\":" + GRANT + ",\"grnt\":1}]}",
            "updates[0].grnt",
            "grant"),
        new Case(
            "/v1/relationships/write",
            "{\"updates\":[{\"operation\":\"touch\",\"grant\":{\"resource\":"
                + REPO
                + ",\"relation\":\"admin\",\"subject\":"
                + ACTOR
                + ",\"conditon\":{\"name\":\"before\"}}}]}",
            "updates[0].grant.conditon",
            "condition"),
        new Case(
            "/v1/relationships/write",
            "{\"updates\":[{\"operation\":\"touch\",\"grant\":{\"resource\":{\"type\":\"Repository\","
                + "\"id\":\"new\",\"idd\":\"x\"},\"relation\":\"admin\",\"subject\":"
                + ACTOR
                + "}}]}",
            "updates[0].grant.resource.idd",
            "id"),
        new Case(
            "/v1/relationships/write",
            "{\"updates\":[{\"operation\":\"touch\",\"grant\":{\"resource\":"
                + REPO
                + ",\"relation\":\"admin\",\"subject\":"
                + ACTOR
                + ",\"condition\":{\"name\":\"before\",\"contxt\":{}}}}]}",
            "updates[0].grant.condition.contxt",
            "context"),
        new Case(
            "/v1/relationships/write",
            "{\"updates\":[{\"operation\":\"touch\",\"grant\":"
                + GRANT
                + "}],\"preconditions\":[{\"filter\":{\"resource_type\":\"Repository\"},"
                + "\"must_exsit\":false}]}",
            "preconditions[0].must_exsit",
            "must_exist"),
        new Case(
            "/v1/relationships/delete",
            "{\"grants\":[{\"resourse\":"
                + REPO
                + ",\"relation\":\"admin\",\"subject\":"
                + ACTOR
                + "}]}",
            "grants[0].resourse",
            "resource"),
        new Case(
            "/v1/relationships/delete",
            "{\"filter\":{\"resource_tipe\":\"Repository\"}}",
            "filter.resource_tipe",
            "resource_type"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aMisspeltNestedFieldIsRefusedWithItsPathAndChangesNothing(Case c) throws Exception {
    try (TestServer s = new TestServer()) {
      long revision = s.warden.revision();
      int grants = s.warden.store().read(dev.warden.api.GrantFilter.ALL, null, 100).items().size();
      TestServer.Res r = s.post(c.path(), s.admin, c.body());
      assertThat(r.status()).as(r.text()).isEqualTo(422);
      assertThat(r.json().at("/error/message").asText())
          .as(r.text())
          .contains("unknown field `" + c.field() + "`")
          .contains("did you mean `" + c.hint() + "`");
      assertThat(s.warden.revision()).isEqualTo(revision);
      assertThat(s.warden.store().read(dev.warden.api.GrantFilter.ALL, null, 100).items())
          .hasSize(grants);
    }
  }
}
