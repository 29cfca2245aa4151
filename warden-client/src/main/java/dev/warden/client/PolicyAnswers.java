package dev.warden.client;

import static dev.warden.wire.AnswerFields.array;
import static dev.warden.wire.AnswerFields.integer;
import static dev.warden.wire.AnswerFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.wire.WireException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy answers, whose types ({@link PolicyInfo}) only the client has; every other answer is
 * read by the shared {@link dev.warden.wire.AnswerCodec}.
 */
final class PolicyAnswers {

  private PolicyAnswers() {}

  /** {@code {version, sha256, activated_at, source, revision, versions?}}. */
  static PolicyInfo policy(JsonNode n) {
    List<PolicyVersionInfo> versions = new ArrayList<>();
    JsonNode all = n.get("versions");
    if (all != null && !all.isNull()) {
      for (JsonNode v : array(n, "versions")) {
        versions.add(version(v));
      }
    }
    return new PolicyInfo(version(n), text(n, "source"), integer(n, "revision"), versions);
  }

  private static PolicyVersionInfo version(JsonNode n) {
    String at = text(n, "activated_at");
    try {
      return new PolicyVersionInfo(
          Math.toIntExact(integer(n, "version")), text(n, "sha256"), Instant.parse(at));
    } catch (DateTimeParseException | ArithmeticException e) {
      throw WireException.malformed("`activated_at` `" + at + "` or `version` is out of shape");
    }
  }
}
