package dev.warden.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JsonText reads and writes what Jackson does, for every value a condition context can hold. */
class JsonTextTest {

  private static final ObjectMapper JACKSON = new ObjectMapper();

  @Test
  void readsWhatJacksonWrites() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      Map<String, Object> value = randomObject(random, 0);
      String text = JACKSON.writeValueAsString(value);
      assertThat(JsonText.parseObject(text)).as(text).isEqualTo(JsonValues.normalizeMap(value));
    }
  }

  @Test
  void writesWhatJacksonReads() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      Map<String, Object> value = JsonValues.normalizeMap(randomObject(random, 0));
      String text = JsonText.write(value);
      @SuppressWarnings("unchecked")
      Map<String, Object> read = JACKSON.readValue(text, Map.class);
      assertThat(JsonValues.normalizeMap(read)).as(text).isEqualTo(value);
    }
  }

  @Test
  void readsNumbersInNormalForm() {
    assertThat(JsonText.parseObject("{\"a\": 1, \"b\": -0, \"c\": 1.5, \"d\": 2e3}"))
        .containsEntry("a", 1L)
        .containsEntry("b", 0L)
        .containsEntry("c", 1.5)
        .containsEntry("d", 2000.0);
    assertThat(JsonText.parseObject("{\"big\": 123456789012345678901234567890}").get("big"))
        .isEqualTo(1.2345678901234568E29);
  }

  @Test
  void readsEscapesAndSurrogatePairs() {
    assertThat(JsonText.parseObject("{\"s\": \"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\"}"))
        .containsEntry("s", "a\"b\\c/d\né😀");
  }

  @Test
  void laterKeysWinAsInJackson() {
    assertThat(JsonText.parseObject("{\"a\": 1, \"a\": 2}")).containsExactly(Map.entry("a", 2L));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "{",
        "{\"a\"}",
        "{\"a\": }",
        "{\"a\": 1,}",
        "{a: 1}",
        "{\"a\": 01}",
        "{\"a\": 1.}",
        "{\"a\": .5}",
        "{\"a\": 1e}",
        "{\"a\": tru}",
        "{\"a\": \"\\x\"}",
        "{\"a\": \"\\u12\"}",
        "{\"a\": \"unterminated}",
        "{\"a\": \"tab\there\"}",
        "{\"a\": 1} extra",
        "{'a': 1}",
        "{\"a\": NaN}"
      })
  void rejectsWhatIsNotStrictJson(String text) {
    assertThatThrownBy(() -> JsonText.parseObject(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at character");
  }

  @Test
  void stopsAtItsNestingBound() {
    String ok = "{\"a\":" + "[".repeat(JsonText.MAX_DEPTH - 1) + "]".repeat(JsonText.MAX_DEPTH - 1);
    assertThat(JsonText.parseObject(ok + "}")).containsKey("a");
    String deep = "{\"a\":" + "[".repeat(100_000);
    assertThatThrownBy(() -> JsonText.parseObject(deep))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nested deeper than " + JsonText.MAX_DEPTH);
  }

  @Test
  void aGrantWithAContextReadsBackFromItsText() {
    Random random = new Random(3);
    for (int i = 0; i < 500; i++) {
      Grant g =
          new Grant(
              EntityRef.of("Doc", "d" + i),
              "viewer",
              SubjectRef.parse("User:u" + i),
              new GrantCondition("c", randomObject(random, 0)));
      assertThat(Grant.parse(g.toString())).as(g.toString()).isEqualTo(g);
    }
  }

  @Test
  void aBadContextIsNamedInTheGrantsError() {
    assertThatThrownBy(() -> Grant.parse("Doc:d#viewer@User:u [c {\"ip\": }]"))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("the condition context is not a JSON object")
        .hasMessageContaining("at character");
  }

  private static Map<String, Object> randomObject(Random random, int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    int n = random.nextInt(depth == 0 ? 5 : 3);
    for (int i = 0; i < n; i++) {
      out.put(randomString(random), randomValue(random, depth + 1));
    }
    return out;
  }

  private static Object randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 3 ? 6 : 8);
    return switch (kind) {
      case 0 -> random.nextLong();
      case 1 -> random.nextInt(100) - 50;
      case 2 -> random.nextDouble() * 1e6 - 5e5;
      case 3 -> randomString(random);
      case 4 -> random.nextBoolean();
      case 5 -> null;
      case 6 -> randomObject(random, depth);
      default -> {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          list.add(randomValue(random, depth + 1));
        }
        yield list;
      }
    };
  }

  private static String randomString(Random random) {
    return RandomText.of(random, "ab\"\\/\n\t\r\u0001\u001fé😀 {}[]:,", 8);
  }
}
