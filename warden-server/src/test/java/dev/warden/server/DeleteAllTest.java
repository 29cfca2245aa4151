package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.GrantFilter;
import org.junit.jupiter.api.Test;

/**
 * Deleting every grant must be asked for by name ({@code {"all": true}}). On main before this test
 * {@code {"filter":{}}}, or a filter whose only field was misspelt away, removed every grant.
 */
class DeleteAllTest {

  private static int grants(TestServer s) {
    return s.warden.store().read(GrantFilter.ALL, null, 100).items().size();
  }

  @Test
  void anEmptyFilterIsRefusedAndDeletesNothing() {
    try (TestServer s = new TestServer()) {
      long revision = s.warden.revision();
      for (String body :
          new String[] {
            "{\"filter\":{}}",
            "{\"filter\":{\"resource_type\":null}}",
            "{\"filter\":{},\"preconditions\":[]}"
          }) {
        TestServer.Res r = s.post("/v1/relationships/delete", s.writer, body);
        assertThat(r.status()).as(body + " " + r.text()).isEqualTo(422);
        assertThat(r.json().at("/error/message").asText())
            .contains("`filter` matches every grant")
            .contains("{\"all\": true}");
      }
      assertThat(grants(s)).isEqualTo(3);
      assertThat(s.warden.revision()).isEqualTo(revision);
    }
  }

  @Test
  void allMustBeTrueAndAlone() {
    try (TestServer s = new TestServer()) {
      for (String body :
          new String[] {
            "{\"all\":false}",
            "{\"all\":\"true\"}",
            "{\"all\":true,\"filter\":{\"resource_type\":\"Repository\"}}",
            "{}"
          }) {
        TestServer.Res r = s.post("/v1/relationships/delete", s.writer, body);
        assertThat(r.status()).as(body + " " + r.text()).isEqualTo(422);
      }
      assertThat(grants(s)).isEqualTo(3);
    }
  }

  @Test
  void allTrueDeletesEveryGrantAndAFilterOnlyItsMatches() {
    try (TestServer s = new TestServer()) {
      TestServer.Res one =
          s.post(
              "/v1/relationships/delete",
              s.writer,
              "{\"filter\":{\"relation\":\"admin\",\"resource_type\":\"Repository\"}}");
      assertThat(one.status()).as(one.text()).isEqualTo(200);
      assertThat(grants(s)).isEqualTo(2);
      TestServer.Res all = s.post("/v1/relationships/delete", s.writer, "{\"all\":true}");
      assertThat(all.status()).as(all.text()).isEqualTo(200);
      assertThat(grants(s)).isZero();
    }
  }

  @Test
  void justInTimeAttributesAreCheckedOverHttpWithTheirPath() {
    try (TestServer s = new TestServer()) {
      TestServer.Res r =
          s.post(
              "/v1/check/bulk",
              s.checker,
              "{\"checks\":[{\"actor\":{\"type\":\"User\",\"id\":\"x\",\"attributes\":"
                  + "{\"department\":7}},\"action\":\"read\",\"resource\":{\"type\":\"Repository\","
                  + "\"id\":\"gmail\",\"attributes\":{\"is_publc\":true}}}]}");
      assertThat(r.status()).as(r.text()).isEqualTo(422);
      assertThat(r.json().at("/error/message").asText())
          .contains("`checks[0].actor.attributes.department` must be string, not int");
    }
  }
}
