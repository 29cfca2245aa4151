package dev.warden.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PageCursorTest {

  @Test
  void partsReadBackUnderTheirTag() {
    Random random = new Random(11);
    for (int i = 0; i < 1_000; i++) {
      String[] parts = new String[1 + random.nextInt(6)];
      for (int p = 0; p < parts.length; p++) {
        parts[p] = randomPart(random);
      }
      String cursor = PageCursor.encode("t1", parts);
      assertThat(cursor).matches("[A-Za-z0-9_-]*");
      assertThat(PageCursor.decode(cursor, "t1", parts.length)).contains(List.of(parts));
    }
  }

  @Test
  void anotherIssuersOrAnotherShapeIsNotRead() {
    String cursor = PageCursor.encode("g2", "a", "b");
    assertThat(PageCursor.decode(cursor, "g1", 2)).isEmpty();
    assertThat(PageCursor.decode(cursor, "g", 2)).isEmpty();
    assertThat(PageCursor.decode(cursor, "g2", 3)).isEmpty();
    assertThat(PageCursor.decode("not base64!", "g2", 2)).isEmpty();
    assertThat(PageCursor.decode(base64("g2"), "g2", 1)).isEmpty();
    assertThat(PageCursor.decode(base64("lastId"), "r1", 1)).isEmpty();
  }

  @Test
  void theAuditLogsCursorsKeepTheirEarlierBytes() {
    assertThat(PageCursor.encode("a1", "42")).isEqualTo(base64("a1:42"));
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String randomPart(Random random) {
    return RandomText.of(random, "aZ09:_-#@/é😀 ", 10);
  }
}
