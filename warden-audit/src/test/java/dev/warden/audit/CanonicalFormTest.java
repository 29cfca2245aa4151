package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.DecisionEvent;
import dev.warden.api.EntityRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {

  private static final DecisionEvent EVENT =
      new DecisionEvent(
          Instant.parse("2026-12-01T21:46:16.123456789Z"),
          "abc-1",
          EntityRef.of("User", "alice"),
          "read",
          EntityRef.of("Repository", "gmail"),
          null,
          true,
          42,
          "v3",
          "granted",
          17,
          null,
          "http");

  @Test
  void fixedFieldOrderNoWhitespaceMicrosecondTime() {
    assertThat(CanonicalForm.of(7, EVENT))
        .isEqualTo(
            "{\"seq\":7,\"time_us\":1796161576123456,\"decision_id\":\"abc-1\","
                + "\"actor\":\"User:alice\",\"action\":\"read\",\"resource\":\"Repository:gmail\","
                + "\"tenant\":null,\"allowed\":true,\"revision\":42,\"policy_version\":\"v3\","
                + "\"reason\":\"granted\",\"latency_us\":17,\"key_id\":null,\"source\":\"http\"}");
  }

  @Test
  void escapesOnlyWhatJsonRequires() {
    StringBuilder out = new StringBuilder();
    CanonicalForm.string(out, "a\"b\\c\n\t\u0001ü😀\ud800x");
    assertThat(out).hasToString("\"a\\\"b\\\\c\\n\\t\\u0001ü😀\\ud800x\"");
  }

  @Test
  void hashIsSha256OfPreviousHashBytesThenCanonicalUtf8() throws Exception {
    String prev = "ab".repeat(32);
    String canonical = CanonicalForm.of(1, EVENT);
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(HexFormat.of().parseHex(prev));
    md.update(canonical.getBytes(StandardCharsets.UTF_8));
    assertThat(CanonicalForm.hash(prev, canonical))
        .isEqualTo(HexFormat.of().formatHex(md.digest()))
        .matches("[0-9a-f]{64}");
  }

  @Test
  void genesisHashIsPinned() {
    // Pinned: a change to the canonical form or the chain rule breaks every stored log.
    assertThat(CanonicalForm.hash(CanonicalForm.GENESIS, CanonicalForm.of(1, EVENT)))
        .isEqualTo(PINNED);
  }

  private static final String PINNED =
      "24ecd6f0c2225385b0721ffce9a47e7c1dcc62eb3da2412ed916368523bbac2a";

  @Test
  void exportLineIsCanonicalFormWithTheHashesAppended() {
    AuditEntry e = new AuditEntry(1, EVENT, CanonicalForm.GENESIS, "ff".repeat(32));
    String canonical = CanonicalForm.of(1, EVENT);
    assertThat(e.toJson())
        .startsWith(canonical.substring(0, canonical.length() - 1))
        .endsWith(
            ",\"prev_hash\":\""
                + CanonicalForm.GENESIS
                + "\",\"hash\":\""
                + "ff".repeat(32)
                + "\"}");
  }

  @Test
  void microsecondsRoundTripIncludingBeforeTheEpoch() {
    Instant t = Instant.parse("1969-12-31T23:59:59.999999Z");
    assertThat(CanonicalForm.instant(CanonicalForm.micros(t))).isEqualTo(t);
    assertThat(CanonicalForm.micros(t)).isEqualTo(-1);
  }
}
