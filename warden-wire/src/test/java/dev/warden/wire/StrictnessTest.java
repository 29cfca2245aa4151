package dev.warden.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Reading a request is strict: an unknown field, a wrong type or a bound passed is refused with a
 * message that names the JSON path; reading an answer ignores fields it does not know.
 */
class StrictnessTest {

  private static final ObjectMapper JSON = WireJson.mapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static void refused(Function<JsonNode, ?> decode, String body, String message) {
    assertThatThrownBy(() -> decode.apply(json(body)))
        .isInstanceOfSatisfying(
            WireException.class, e -> assertThat(e.code()).isEqualTo("invalid_request"))
        .hasMessage(message);
  }

  private static final String CHECK =
      "'actor':{'type':'User','id':'larry'},'action':'read',"
          + "'resource':{'type':'Repository','id':'gmail'}";

  @Test
  void unknownFieldsAreRefusedByPathWithASuggestion() {
    refused(
        b -> RequestCodec.decodeCheck(b, ""),
        "{" + CHECK + ",'contxt':{}}",
        "unknown field `contxt`; did you mean `context`?");
    refused(
        RequestCodec::decodeBulk,
        "{'checks':[{" + CHECK.replace("'id':'larry'", "'id':'larry','idd':1") + "}]}",
        "unknown field `checks[0].actor.idd`; did you mean `id`?");
    refused(
        RequestCodec::decodeWrite,
        "{'updates':[{'operation':'touch','grant':{'resource':{'type':'R','id':'r'},"
            + "'relation':'x','subject':{'type':'U','id':'u'},'condition':{'name':'c','contex':{}}}}]}",
        "unknown field `updates[0].grant.condition.contex`; did you mean `context`?");
  }

  @Test
  void anActorIsAnEntityAUsersetOrAWildcardAndSaysWhichByItsFields() {
    String userset =
        "{'actor':{'type':'Group','id':'eng','relation':'member'},'action':'read',"
            + "'resource':{'type':'Repository','id':'gmail'}}";
    assertThat(RequestCodec.decodeCheck(json(userset), "").subject())
        .isEqualTo(dev.warden.api.SubjectRef.userset("Group", "eng", "member"));
    // A `#` in an id is part of the id: the relation is only ever its own field.
    assertThat(
            RequestCodec.decodeCheck(json("{" + CHECK.replace("larry", "eng#member") + "}"), "")
                .subject())
        .isEqualTo(dev.warden.api.SubjectRef.of("User", "eng#member"));
    assertThat(
            RequestCodec.decodeCheck(json("{" + CHECK.replace("'larry'", "'*'") + "}"), "")
                .subject())
        .isEqualTo(dev.warden.api.SubjectRef.wildcard("User"));
    refused(
        b -> RequestCodec.decodeCheck(b, ""),
        "{" + CHECK.replace("'id':'larry'", "'id':'*','relation':'member'") + "}",
        "`actor.relation`: the wildcard `User:*` has no relation; drop one");
    refused(
        RequestCodec::decodeBulk,
        "{'checks':[{"
            + CHECK.replace("'id':'larry'", "'id':'g','relation':'member','attributes':{'a':1}")
            + "}]}",
        "`checks[0].actor.attributes`: a userset actor has no attributes; send them only for an"
            + " entity");
    refused(
        RequestCodec::decodeLookupResources,
        "{'actor':{'type':'User','id':'*','attributes':{'a':1}},'action':'read','resource_type':'R'}",
        "`actor.attributes`: a wildcard actor has no attributes; send them only for an entity");
    refused(
        RequestCodec::decodeLookupSubjects,
        "{'action':'read','resource':{'type':'R'},'subject_type':'Group','subject_relation':3}",
        "`subject_relation` must be a string");
  }

  @Test
  void wrongTypesNameThePath() {
    refused(
        b -> RequestCodec.decodeCheck(b, ""),
        "{" + CHECK.replace("'larry'", "7") + "}",
        "`actor.id` must be a string");
    refused(
        RequestCodec::decodeBulk,
        "{'checks':[{" + CHECK + "},{" + CHECK + ",'consistency':{'at_least':'x'}}]}",
        "`checks[1].consistency.at_least` must be a whole number");
    refused(
        RequestCodec::decodeLookupResources,
        "{'actor':{'type':'User','id':'u'},'action':'read','resource_type':'R','residual':1}",
        "`residual` must be true or false");
    refused(
        RequestCodec::decodeDelete,
        "{'filter':{'resource_type':'R'},'preconditions':[{'filter':{},'must_exist':'yes'}]}",
        "`preconditions[0].must_exist` must be true or false");
    refused(
        b -> RequestCodec.decodeCheck(b, ""),
        "{" + CHECK + ",'context':{'a':[1,{'b':null}]}}",
        "`context.a[1].b` is null; omit it instead");
  }

  @Test
  void boundsAreTheServersBoundsWithTheSameMessages() {
    StringBuilder checks = new StringBuilder();
    for (int i = 0; i <= RequestCodec.MAX_BULK; i++) {
      checks.append(i == 0 ? "" : ",").append("{").append(CHECK).append("}");
    }
    refused(
        RequestCodec::decodeBulk,
        "{'checks':[" + checks + "]}",
        "`checks` holds 1001 checks; at most 1000");
    refused(RequestCodec::decodeBulk, "{'checks':[]}", "`checks` must hold at least one check");
    StringBuilder grants = new StringBuilder();
    for (int i = 0; i <= RequestCodec.MAX_CONTEXTUAL_GRANTS; i++) {
      grants.append(i == 0 ? "" : ",").append("'R:r#x@U:u").append(i).append("'");
    }
    refused(
        b -> RequestCodec.decodeCheck(b, ""),
        "{" + CHECK + ",'contextual_grants':[" + grants + "]}",
        "`contextual_grants` holds 101 grants; at most 100");
    refused(RequestCodec::decodeWrite, "{'updates':[]}", "`updates` must hold at least one update");
    refused(
        RequestCodec::decodeLookupResources,
        "{'actor':{'type':'User','id':'u'},'action':'read','resource_type':'R','limit':0}",
        "`limit` must be between 1 and 100000, not 0");
    refused(
        RequestCodec::decodeDelete,
        "{'filter':{}}",
        "`filter` matches every grant; to delete them all send `{\"all\": true}`");
    refused(
        RequestCodec::decodeDelete,
        "{'all':true,'grants':['R:r#x@U:u']}",
        "give exactly one of `filter`, `grants` and `all`");
    refused(
        RequestCodec::decodeRead,
        "{'limit':10001}",
        "`limit` must be a whole number between 1 and 10000");
    refused(RequestCodec::decodeRead, "{'filter':[]}", "`filter` must be an object");
    refused(
        RequestCodec::decodeAttributes,
        "{'attributes':{'a':{'b':[null]}}}",
        "`attributes.a.b[0]` is null; omit it instead");
    refused(
        RequestCodec::decodeAttributes,
        "{'attribute':{}}",
        "unknown field `attribute`; did you mean `attributes`?");
  }

  @Test
  void theBulkBoundOnContextualGrantsCountsAllChecks() {
    StringBuilder grants = new StringBuilder();
    for (int i = 0; i < RequestCodec.MAX_CONTEXTUAL_GRANTS; i++) {
      grants.append(i == 0 ? "" : ",").append("'R:r#x@U:u").append(i).append("'");
    }
    StringBuilder checks = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      checks.append(i == 0 ? "" : ",");
      checks.append("{").append(CHECK).append(",'contextual_grants':[").append(grants).append("]}");
    }
    refused(
        RequestCodec::decodeBulk,
        "{'checks':[" + checks + "]}",
        "`checks` hold more than 1000 contextual grants in all (by `checks[10]`)");
  }

  @Test
  void answersIgnoreFieldsTheyDoNotKnowButNeedTheirOwn() {
    assertThat(
            AnswerCodec.decodeDecision(
                json("{'allowed':true,'revision':3,'decision_id':'d','new_field':[1]}")))
        .isEqualTo(new dev.warden.api.Decision(true, 3, "d"));
    assertThatThrownBy(() -> AnswerCodec.decodeDecision(json("{'allowed':'yes','revision':3}")))
        .isInstanceOfSatisfying(
            WireException.class, e -> assertThat(e.code()).isEqualTo("malformed_answer"))
        .hasMessage("`allowed` is missing or not true or false");
  }

  @Test
  void theMapperRefusesDuplicatesTrailingTokensAndDeepNesting() {
    assertThatThrownBy(() -> JSON.readTree("{\"a\":1,\"a\":2}"))
        .isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> JSON.readTree("{} {}")).isInstanceOf(JsonProcessingException.class);
    String deep = "[".repeat(WireJson.MAX_NESTING + 1) + "]".repeat(WireJson.MAX_NESTING + 1);
    assertThatThrownBy(() -> JSON.readTree(deep)).isInstanceOf(JsonProcessingException.class);
  }
}
