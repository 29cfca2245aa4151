package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code PUT /v1/policy} refuses a policy that declares no resource type, and keeps the old one.
 */
class EmptyPolicyTest {

  @Test
  void aPolicyWithoutResourceTypesIsRefusedWith422AndTheOldOneStaysActive() throws Exception {
    try (TestServer s = new TestServer()) {
      int before = s.get("/v1/policy", s.admin).json().get("version").asInt();
      for (String empty : new String[] {"", "actor User {}\n"}) {
        TestServer.Res put =
            s.put(
                "/v1/policy",
                s.admin,
                TestServer.JSON.writeValueAsString(
                    TestServer.JSON.createObjectNode().put("source", empty)));
        assertThat(put.status()).as(put.text()).isEqualTo(422);
        assertThat(put.json().at("/error/code").asText()).isEqualTo("invalid_policy");
        assertThat(put.json().at("/error/message").asText())
            .contains("the policy declares no resource type");
      }
      assertThat(s.get("/v1/policy", s.admin).json().get("version").asInt()).isEqualTo(before);
      TestServer.Res r =
          s.post(
              "/v1/check", s.checker, TestServer.check("User:larry", "read", "Repository:gmail"));
      assertThat(r.json().get("allowed").asBoolean()).as(r.text()).isTrue();
    }
  }

  /**
   * Before this test, {@code validate_only} called an empty policy valid although PUT refused it.
   */
  @Test
  void validateOnlyCallsAnEmptyPolicyInvalidAsActivatingWould() throws Exception {
    try (TestServer s = new TestServer()) {
      TestServer.Res dry =
          s.put(
              "/v1/policy",
              s.admin,
              TestServer.JSON.writeValueAsString(
                  TestServer.JSON
                      .createObjectNode()
                      .put("source", "actor User {}\n")
                      .put("validate_only", true)));
      assertThat(dry.status()).as(dry.text()).isEqualTo(422);
      assertThat(dry.json().at("/error/message").asText())
          .contains("the policy declares no resource type");
    }
  }
}
