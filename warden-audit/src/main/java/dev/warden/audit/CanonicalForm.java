package dev.warden.audit;

import dev.warden.api.DecisionEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The canonical serialization of an audit entry and the hash chain over it. Both are part of the
 * stored format: changing either makes every existing log fail verification.
 *
 * <p>The canonical form is one JSON object, UTF-8, no whitespace, these fields in this order:
 *
 * <pre>
 * {"seq":N,"time_us":N,"decision_id":S,"actor":S,"action":S,"resource":S,"tenant":S|null,
 *  "allowed":true|false,"revision":N,"policy_version":S|null,"reason":S,"latency_us":N,
 *  "key_id":S|null,"source":S}
 * </pre>
 *
 * N is a decimal integer (a minus sign if negative, no leading zeros); {@code time_us} is
 * microseconds since the Unix epoch; actor and resource are written {@code Type:id}. Strings escape
 * {@code "} and {@code \} with a backslash, {@code \b \f \n \r \t} by those escapes, every other
 * character below U+0020 and every unpaired surrogate as {@code \}{@code u} and four lowercase hex
 * digits; everything else is written as itself.
 *
 * <p>The hash of entry N is {@code SHA-256(hash(N-1) || canonical(N))}, where {@code hash(N-1)} is
 * the 32 raw bytes of the previous entry's hash ({@link #GENESIS}, all zero, for entry 1). Hashes
 * are stored and shown as 64 lowercase hex digits.
 */
public final class CanonicalForm {

  /** The previous hash of the first entry: 32 zero bytes. */
  public static final String GENESIS = "0".repeat(64);

  private static final HexFormat HEX = HexFormat.of();

  private CanonicalForm() {}

  /** The canonical form of entry {@code seq} recording {@code event}. */
  public static String of(long seq, DecisionEvent event) {
    StringBuilder out = new StringBuilder(320);
    appendFields(out, seq, event);
    return out.append('}').toString();
  }

  /** The hash of an entry whose canonical form is {@code canonical}, after {@code prevHash}. */
  public static String hash(String prevHash, String canonical) {
    return hash(sha256(), prevHash, canonical);
  }

  /** As {@link #hash(String, String)}, with a digest the caller reuses (one per thread). */
  static String hash(MessageDigest digest, String prevHash, String canonical) {
    digest.reset();
    digest.update(HEX.parseHex(prevHash));
    digest.update(canonical.getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(digest.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Microseconds since the epoch: the precision the log keeps. */
  static long micros(Instant time) {
    return Math.addExact(
        Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1000);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  /** Every field of the canonical form, without the closing brace. */
  static void appendFields(StringBuilder out, long seq, DecisionEvent e) {
    appendFields(
        out,
        seq,
        new Fields(
            micros(e.time()),
            e.decisionId(),
            e.actor().toString(),
            e.action(),
            e.resource().toString(),
            e.tenant(),
            e.allowed(),
            e.revision(),
            e.policyVersion(),
            e.reason(),
            e.latencyMicros(),
            e.keyId(),
            e.source()));
  }

  /**
   * The fields of an entry as the canonical form writes them: actor and resource as text, so an
   * entry whose references no longer parse (an edited legacy row) can still be written out.
   */
  record Fields(
      long timeUs,
      String decisionId,
      String actor,
      String action,
      String resource,
      String tenant,
      boolean allowed,
      long revision,
      String policyVersion,
      String reason,
      long latencyUs,
      String keyId,
      String source) {}

  /** The canonical form of entry {@code seq} with these fields. */
  static String of(long seq, Fields f) {
    StringBuilder out = new StringBuilder(320);
    appendFields(out, seq, f);
    return out.append('}').toString();
  }

  private static void appendFields(StringBuilder out, long seq, Fields f) {
    out.append("{\"seq\":").append(seq);
    out.append(",\"time_us\":").append(f.timeUs());
    out.append(",\"decision_id\":");
    string(out, f.decisionId());
    out.append(",\"actor\":");
    string(out, f.actor());
    out.append(",\"action\":");
    string(out, f.action());
    out.append(",\"resource\":");
    string(out, f.resource());
    out.append(",\"tenant\":");
    string(out, f.tenant());
    out.append(",\"allowed\":").append(f.allowed());
    out.append(",\"revision\":").append(f.revision());
    out.append(",\"policy_version\":");
    string(out, f.policyVersion());
    out.append(",\"reason\":");
    string(out, f.reason());
    out.append(",\"latency_us\":").append(f.latencyUs());
    out.append(",\"key_id\":");
    string(out, f.keyId());
    out.append(",\"source\":");
    string(out, f.source());
  }

  /** A JSON string in the canonical escaping, or {@code null}. */
  static void string(StringBuilder out, String s) {
    if (s == null) {
      out.append("null");
      return;
    }
    out.append('"');
    int n = s.length();
    int plain = 0; // s[plain, i) needs no escaping: copied in one go, as most text is
    for (int i = 0; i < n; i++) {
      String escape = escape(s, i);
      if (escape != null) {
        out.append(s, plain, i).append(escape);
        plain = i + 1;
      }
    }
    if (plain == 0) {
      out.append(s);
    } else {
      out.append(s, plain, n);
    }
    out.append('"');
  }

  /** How the character at {@code i} is written when not as itself, else null. */
  private static String escape(String s, int i) {
    char c = s.charAt(i);
    if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
      return null;
    }
    return switch (c) {
      case '"' -> "\\\"";
      case '\\' -> "\\\\";
      case '\b' -> "\\b";
      case '\f' -> "\\f";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> c < 0x20 || unpairedSurrogate(s, i) ? "\\u" + HEX.toHexDigits(c) : null;
    };
  }

  private static boolean unpairedSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
