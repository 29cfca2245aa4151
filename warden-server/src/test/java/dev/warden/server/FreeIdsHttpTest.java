package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Ids with {@code @}, {@code /}, {@code #}, {@code %} and spaces travel as plain JSON strings in
 * bodies, percent-encoded in a path segment, and quoted in the grant text form
 * (docs/data-format.md, "Ids").
 */
class FreeIdsHttpTest {

  private static final String EMAIL = "john@smith.com";
  private static final String REPO = "a/b #1 %x";

  @Test
  void emailAndPunctuatedIdsAreWrittenCheckedAndLookedUp() {
    try (TestServer s = new TestServer()) {
      TestServer.Res w =
          s.post(
              "/v1/relationships/write",
              s.writer,
              "{\"updates\":[{\"operation\":\"touch\",\"grant\":"
                  + grantJson(REPO, EMAIL)
                  + "},{\"operation\":\"touch\",\"grant\":"
                  + TestServer.JSON.valueToTree("Repository:\"q #3\"#admin@User:\"mary@x.org\"")
                  + "}]}");
      assertThat(w.status()).as(w.text()).isEqualTo(200);
      long rev = w.json().get("revision").asLong();

      assertThat(check(s, EMAIL, "delete", REPO, rev)).isTrue();
      assertThat(check(s, "mary@x.org", "delete", "q #3", rev)).isTrue();
      assertThat(check(s, "john", "delete", REPO, rev)).isFalse();

      ObjectNode lookup = TestServer.JSON.createObjectNode();
      lookup.putObject("actor").put("type", "User").put("id", EMAIL);
      lookup.put("action", "read").put("resource_type", "Repository");
      TestServer.Res found = s.post("/v1/lookup/resources", s.checker, lookup.toString());
      assertThat(found.status()).as(found.text()).isEqualTo(200);
      assertThat(found.json().get("ids")).extracting(n -> n.asText()).containsExactly(REPO);

      TestServer.Res read =
          s.post(
              "/v1/relationships/read",
              s.writer,
              "{\"filter\":{\"resource_type\":\"Repository\",\"resource_id\":\"q #3\"}}");
      assertThat(read.json().at("/grants/0/subject/id").asText()).isEqualTo("mary@x.org");
    }
  }

  @Test
  void aPercentEncodedPathSegmentCarriesSlashesHashesAndSpaces() {
    try (TestServer s = new TestServer()) {
      TestServer.Res put =
          s.put(
              "/v1/entities/Repository/a%2Fb%20%231%20%25x",
              s.writer, "{\"attributes\":{\"is_public\":true}}");
      assertThat(put.status()).as(put.text()).isEqualTo(200);
      long rev = put.json().get("revision").asLong();
      assertThat(check(s, EMAIL, "read", REPO, rev)).isTrue();
      assertThat(check(s, EMAIL, "read", "a/b #1 %y", rev)).isFalse();
    }
  }

  @Test
  void anIdOverTheLimitIsRefusedWithItsSizeAndNothingIsWritten() {
    try (TestServer s = new TestServer()) {
      long before = s.warden.revision();
      TestServer.Res r =
          s.post(
              "/v1/relationships/write",
              s.writer,
              "{\"updates\":[{\"operation\":\"touch\",\"grant\":"
                  + grantJson("r", "u".repeat(1025))
                  + "}]}");
      assertThat(r.status()).as(r.text()).isEqualTo(422);
      assertThat(r.json().at("/error/message").asText())
          .contains("is 1025 bytes in UTF-8, more than the 1024 allowed");
      assertThat(s.warden.revision()).isEqualTo(before);
      TestServer.Res ok =
          s.post(
              "/v1/relationships/write",
              s.writer,
              "{\"updates\":[{\"operation\":\"touch\",\"grant\":"
                  + grantJson("r", "u".repeat(1024))
                  + "}]}");
      assertThat(ok.status()).as(ok.text()).isEqualTo(200);
      assertThat(check(s, "u".repeat(1024), "delete", "r", ok.json().get("revision").asLong()))
          .isTrue();
    }
  }

  private static String grantJson(String repository, String user) {
    ObjectNode g = TestServer.JSON.createObjectNode();
    g.putObject("resource").put("type", "Repository").put("id", repository);
    g.put("relation", "admin");
    g.putObject("subject").put("type", "User").put("id", user);
    return g.toString();
  }

  private static boolean check(TestServer s, String user, String action, String repo, long rev) {
    ObjectNode c = TestServer.JSON.createObjectNode();
    c.putObject("actor").put("type", "User").put("id", user);
    c.put("action", action);
    c.putObject("resource").put("type", "Repository").put("id", repo);
    c.putObject("consistency").put("at_least", rev);
    TestServer.Res r = s.post("/v1/check", s.checker, c.toString());
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("allowed").asBoolean();
  }
}
