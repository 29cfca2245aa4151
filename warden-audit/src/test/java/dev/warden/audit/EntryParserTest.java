package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.DecisionEvent;
import org.junit.jupiter.api.Test;

class EntryParserTest {

  @Test
  void readsBackEveryEntryExactly() {
    // odd text, nulls, both outcomes: see Events
    for (int i = 1; i <= 40; i++) {
      DecisionEvent e = Events.event(i);
      EntryParser.Parsed back = EntryParser.parse(CanonicalForm.of(i, e));
      assertThat(back.seq()).isEqualTo(i);
      assertThat(back.event()).isEqualTo(e);
    }
  }

  @Test
  void rejectsWhatIsNotAnEntry() {
    String line = CanonicalForm.of(3, Events.event(3));
    assertRejected("not json", "not JSON");
    assertRejected("[1,2]", "not a JSON object");
    assertRejected(line.replace(",\"source\":\"embedded\"", ""), "`source` is missing");
    assertRejected(line.replace("{\"seq\":3,", "{\"seq\":3,\"seq\":4,"), "`seq` is repeated");
    assertRejected(line.replace("{\"seq\":3,", "{\"seq\":3,\"extra\":1,"), "unknown field `extra`");
    assertRejected(line.replace("\"seq\":3", "\"seq\":\"3\""), "`seq` is not an integer");
    assertRejected(line.replace("\"allowed\":false", "\"allowed\":null"), "`allowed`");
    assertRejected(line.replace("\"reason\":\"not granted\"", "\"reason\":null"), "`reason`");
    assertRejected(line + " {}", "does not end after the object");
    assertRejected(line.replace("\"User:u0\"", "\"nocolon\""), "`actor` is not an entity");
    assertRejected(line.replace("\"tenant\":\"acme\"", "\"tenant\":[1]"), "`tenant` has a");
  }

  private static void assertRejected(String line, String why) {
    assertThatThrownBy(() -> EntryParser.parse(line))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why);
  }
}
