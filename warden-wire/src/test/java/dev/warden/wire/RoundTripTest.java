package dev.warden.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.CheckRequest;
import dev.warden.api.GrantFilter;
import dev.warden.api.Mutation;
import dev.warden.api.WriteBatch;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For many random messages of every type, decoding what the codec encodes gives the message back,
 * through the bytes on the wire: what the client sends is what the server reads, and what the
 * server answers is what the client reads.
 */
class RoundTripTest {

  private static final ObjectMapper REQUESTS = WireJson.mapper();
  private static final ObjectMapper ANSWERS = WireJson.answerMapper();
  private static final int RUNS = 300;

  private static <T> void roundTrip(
      ObjectMapper json, T value, Function<T, JsonNode> encode, Function<JsonNode, T> decode) {
    JsonNode wire;
    try {
      wire = json.readTree(WireJson.bytes(json, encode.apply(value)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThat(decode.apply(wire)).as(wire.toString()).isEqualTo(value);
  }

  private static <T> void request(T value, Function<T, JsonNode> encode, Function<JsonNode, T> d) {
    roundTrip(REQUESTS, value, encode, d);
  }

  private static <T> void answer(T value, Function<T, JsonNode> encode, Function<JsonNode, T> d) {
    roundTrip(ANSWERS, value, encode, d);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void requests(long seed) {
    WireSamples s = new WireSamples(seed);
    for (int i = 0; i < RUNS; i++) {
      request(s.check(), RequestCodec::encodeCheck, n -> RequestCodec.decodeCheck(n, ""));
      request(s.bulk(), RequestCodec::encodeBulk, RequestCodec::decodeBulk);
      request(
          s.lookupResources(),
          RequestCodec::encodeLookupResources,
          RequestCodec::decodeLookupResources);
      request(
          s.lookupSubjects(),
          r -> RequestCodec.encodeLookupSubjects(r, null),
          RequestCodec::decodeLookupSubjects);
      request(
          s.write(),
          w -> RequestCodec.encodeWrite(w.mutations(), w.preconditions()),
          RequestCodec::decodeWrite);
      request(
          s.delete(),
          w ->
              RequestCodec.encodeDelete(
                  ((Mutation.DeleteMatching) w.mutations().get(0)).filter(), w.preconditions()),
          RequestCodec::decodeDelete);
      request(s.filter(), RequestCodec::encodeFilter, n -> RequestCodec.decodeFilter(n, ""));
      request(s.grant(), GrantCodec::encode, n -> GrantCodec.decode(n, "grant"));
      request(s.read(), RequestCodec::encodeRead, RequestCodec::decodeRead);
      request(s.attributes(), RequestCodec::encodeAttributes, RequestCodec::decodeAttributes);
      CheckRequest c = s.check();
      request(
          c.consistency(),
          x -> RequestCodec.encodeCheck(c),
          n -> RequestCodec.decodeConsistency(n, ""));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void answers(long seed) {
    WireSamples s = new WireSamples(seed);
    for (int i = 0; i < RUNS; i++) {
      answer(s.decision(), AnswerCodec::encodeDecision, AnswerCodec::decodeDecision);
      answer(s.decisions(), AnswerCodec::encodeBulk, AnswerCodec::decodeBulk);
      answer(s.explanation(), AnswerCodec::encodeExplanation, AnswerCodec::decodeExplanation);
      answer(s.resources(), AnswerCodec::encodeResources, AnswerCodec::decodeResources);
      answer(s.subjects(), AnswerCodec::encodeSubjects, AnswerCodec::decodeSubjects);
      long revision = s.revision();
      answer(
          s.authorizedUsers(),
          u -> AnswerCodec.encodeAuthorizedUsers(u, revision),
          AnswerCodec::decodeAuthorizedUsers);
      answer(s.page(), AnswerCodec::encodePage, AnswerCodec::decodePage);
      answer(s.revision(), AnswerCodec::encodeRevision, AnswerCodec::decodeRevision);
      answer(s.change(), AnswerCodec::encodeChange, AnswerCodec::decodeChange);
      answer(s.grant(), GrantCodec::encode, GrantCodec::decodeAnswer);
    }
  }

  @Test
  void deletingEverythingIsSentAsAllAndReadBackAsTheFilterThatMatchesAll() {
    WriteBatch all =
        new WriteBatch(List.of(new Mutation.DeleteMatching(GrantFilter.ALL)), List.of());
    JsonNode wire = RequestCodec.encodeDelete(GrantFilter.ALL, List.of());
    assertThat(wire.toString()).isEqualTo("{\"all\":true}");
    assertThat(RequestCodec.decodeDelete(wire)).isEqualTo(all);
  }
}
