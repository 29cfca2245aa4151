package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.Decision;
import dev.warden.api.EntityRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log as the embedded facade's decision log: every check leaves one entry. */
class EmbeddedAuditTest {

  static final String POLICY =
      """
      actor User {}

      resource Repository {
        permissions = ["read", "push"];
        roles = ["contributor", "maintainer"];
        "contributor" if "maintainer";
        "read" if "contributor";
        "push" if "maintainer";
      }
      """;

  @TempDir Path dir;

  @Test
  void everyEmbeddedCheckIsRecordedWithItsDecisionId() {
    try (AuditStore store = AuditStore.open(AuditDatabase.sqlite(dir.resolve("audit.db")))) {
      AuditLog log = AuditLog.open(store);
      Decision allowed;
      Decision denied;
      List<Decision> bulk;
      try (Warden warden = Warden.builder().policy("p.warden", POLICY).decisionLog(log).build()) {
        long revision = warden.grant("Repository:gmail#contributor@User:larry");
        allowed = warden.check(CheckRequest.of("User:larry", "read", "Repository:gmail"));
        denied = warden.check(CheckRequest.of("User:larry", "push", "Repository:gmail"));
        bulk =
            warden.checkBulk(
                List.of(
                    CheckRequest.of("User:alice", "read", "Repository:gmail"),
                    CheckRequest.of("User:larry", "read", "Repository:gmail")));
        assertThat(allowed.revision()).isEqualTo(revision);
      }
      assertThat(log.flush(Duration.ofSeconds(30))).isTrue();
      log.close();

      assertThat(log.stats().appended()).isEqualTo(4);
      assertThat(log.stats().dropped()).isZero();
      List<AuditEntry> entries = store.query(AuditQuery.all()).entries();
      assertThat(entries)
          .extracting(e -> e.event().decisionId())
          .containsExactly(
              bulk.get(1).decisionId(),
              bulk.get(0).decisionId(),
              denied.decisionId(),
              allowed.decisionId());
      AuditEntry first = entries.get(3);
      assertThat(first.event().actor()).isEqualTo(EntityRef.of("User", "larry"));
      assertThat(first.event().action()).isEqualTo("read");
      assertThat(first.event().allowed()).isTrue();
      assertThat(first.event().revision()).isEqualTo(allowed.revision());
      assertThat(first.event().source()).isEqualTo("embedded");
      assertThat(
              store.query(AuditQuery.builder().allowed(false).build()).entries().stream()
                  .map(e -> e.event().decisionId()))
          .containsExactly(bulk.get(0).decisionId(), denied.decisionId());
      assertThat(store.verify().intact()).isTrue();
    }
  }
}
