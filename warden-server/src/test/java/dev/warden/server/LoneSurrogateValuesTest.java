package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A string value holding a lone UTF-16 surrogate (sent as a JSON escape) cannot be stored: a store
 * would keep a replacement character instead. Attributes, condition parameters and request values
 * are refused with 422, the answer itself is well-formed JSON, and nothing is written.
 */
class LoneSurrogateValuesTest {

  @Test
  void aStoredAttributeIsRefusedAndNothingIsWritten() {
    try (TestServer s = new TestServer()) {
      long revision = s.warden.revision();
      TestServer.Res r =
          s.put(
              "/v1/entities/User/ann", s.writer, "{\"attributes\":{\"department\":\"x\\ud800\"}}");
      assertThat(r.status()).as(r.text()).isEqualTo(422);
      assertThat(r.json().at("/error/message").asText())
          .contains("`department` holds a string that is not well-formed Unicode");
      assertThat(s.warden.revision()).isEqualTo(revision);
    }
  }

  @Test
  void aConditionParameterIsRefusedWithAnEncodableMessage() {
    try (TestServer s = new TestServer()) {
      long revision = s.warden.revision();
      TestServer.Res r =
          s.post(
              "/v1/relationships/write",
              s.writer,
              "{\"updates\":[{\"operation\":\"touch\",\"grant\":{\"resource\":{\"type\":"
                  + "\"Repository\",\"id\":\"r\"},\"relation\":\"admin\",\"subject\":{\"type\":"
                  + "\"User\",\"id\":\"u\"},\"condition\":{\"name\":\"before\",\"context\":"
                  + "{\"deadline\":\"\\udc00\"}}}}]}");
      assertThat(r.status()).as(r.text()).isEqualTo(422);
      assertThat(r.json()).as(r.text()).isNotNull();
      assertThat(s.warden.revision()).isEqualTo(revision);
    }
  }

  @Test
  void aRequestAttributeIsRefused() {
    try (TestServer s = new TestServer()) {
      TestServer.Res r =
          s.post(
              "/v1/check",
              s.checker,
              "{\"actor\":{\"type\":\"User\",\"id\":\"ann\",\"attributes\":{\"department\":"
                  + "\"\\ud83d\"}},\"action\":\"read\",\"resource\":{\"type\":\"Repository\","
                  + "\"id\":\"gmail\"}}");
      assertThat(r.status()).as(r.text()).isEqualTo(422);
      assertThat(r.json().at("/error/message").asText())
          .contains("`actor.attributes.department` holds a string that is not well-formed Unicode");
    }
  }
}
