package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.DecisionEvent;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every audit database must do, written once and run against SQLite and PostgreSQL. The tamper
 * tests change stored rows with plain SQL, as an attacker with database access would, and expect
 * verify to name the exact first broken entry.
 */
abstract class AuditStoreContract {

  /** Ten entries, written in batches of 3, 3 and 4 so the chain crosses batch boundaries. */
  static final int N = 10;

  AuditStore store;

  /** A database with empty audit tables (or none yet). */
  abstract AuditDatabase database();

  /** A raw connection to the same database, for tampering. */
  abstract Connection connect() throws SQLException;

  @BeforeEach
  void openStore() {
    store = AuditStore.open(database());
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  void appendTen() {
    store.append(Events.range(1, 3));
    store.append(Events.range(4, 6));
    store.append(Events.range(7, 10));
  }

  void sql(String statement) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  ChainBreak firstBreak() {
    VerifyReport report = store.verify();
    assertThat(report.intact()).as(report.summary()).isFalse();
    return report.firstBreak().orElseThrow();
  }

  // --- the chain -----------------------------------------------------------------------------

  @Test
  void emptyLogVerifies() {
    VerifyReport r = store.verify();
    assertThat(r.intact()).isTrue();
    assertThat(r.checked()).isZero();
    assertThat(r.headHash()).isEqualTo(CanonicalForm.GENESIS);
  }

  @Test
  void appendedEntriesChainAndVerify() {
    appendTen();
    VerifyReport r = store.verify();
    assertThat(r.intact()).as(r.summary()).isTrue();
    assertThat(r.checked()).isEqualTo(N);
    assertThat(r.headSeq()).isEqualTo(N);
    List<AuditEntry> all = allOldestFirst();
    assertThat(all)
        .extracting(AuditEntry::seq)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(all.get(0).prevHash()).isEqualTo(CanonicalForm.GENESIS);
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).prevHash()).isEqualTo(all.get(i - 1).hash());
    }
    assertThat(r.headHash()).isEqualTo(all.get(N - 1).hash());
  }

  @Test
  void storedEntriesReadBackExactlyAsRecorded() {
    appendTen();
    List<AuditEntry> all = allOldestFirst();
    for (int i = 0; i < N; i++) {
      DecisionEvent expected = Events.event(i + 1);
      assertThat(all.get(i).event()).isEqualTo(expected);
    }
  }

  @Test
  void reopeningContinuesTheChain() {
    store.append(Events.range(1, 4));
    store.close();
    store = AuditStore.open(database());
    store.append(Events.range(5, 10));
    VerifyReport r = store.verify();
    assertThat(r.intact()).as(r.summary()).isTrue();
    assertThat(r.checked()).isEqualTo(N);
  }

  @Test
  void concurrentAppendersExtendOneChain() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int base = t * 1000;
        done.add(
            pool.submit(
                () -> {
                  for (int b = 0; b < 10; b++) {
                    store.append(Events.range(base + b * 10 + 1, base + b * 10 + 10));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    VerifyReport r = store.verify();
    assertThat(r.intact()).as(r.summary()).isTrue();
    assertThat(r.checked()).isEqualTo(400);
    Set<String> ids = new HashSet<>();
    allOldestFirst().forEach(e -> assertThat(ids.add(e.event().decisionId())).isTrue());
    assertThat(ids).hasSize(400);
  }

  @Test
  void auditLogFromManyThreadsKeepsEveryDecisionOnceInAnIntactChain() throws Exception {
    AuditLog log = AuditLog.builder(store).queueCapacity(512).maxBatch(128).build();
    AuditLogTest.recordConcurrently(log, 4, 1000);
    log.close();
    assertThat(log.stats().dropped()).isZero();
    assertThat(log.stats().appended()).isEqualTo(4000);
    AuditLogTest.assertEachExactlyOnce(store, 4000);
    VerifyReport r = store.verify();
    assertThat(r.intact()).as(r.summary()).isTrue();
  }

  @Test
  void twoProcessesWritingToOneDatabaseExtendOneChain() throws Exception {
    // A second store over the same database stands for a second PDP replica.
    try (AuditStore replica = AuditStore.open(database())) {
      AuditLog a = AuditLog.builder(store).maxBatch(50).build();
      AuditLog b = AuditLog.builder(replica).maxBatch(50).build();
      Thread other =
          new Thread(
              () -> {
                for (int i = 1001; i <= 2000; i++) {
                  b.record(Events.event(i));
                }
              });
      other.start();
      for (int i = 1; i <= 1000; i++) {
        a.record(Events.event(i));
      }
      other.join();
      a.close();
      b.close();
      assertThat(a.stats().dropped() + b.stats().dropped()).isZero();
    }
    AuditLogTest.assertEachExactlyOnce(store, 2000);
    VerifyReport r = store.verify();
    assertThat(r.intact()).as(r.summary()).isTrue();
    assertThat(r.checked()).isEqualTo(2000);
  }

  // --- tampering: each way, and verify names the first broken entry ----------------------------

  @Test
  void editedFieldIsAHashMismatchAtThatEntry() throws SQLException {
    appendTen();
    sql("UPDATE warden_audit_entry SET allowed = NOT allowed WHERE seq = 4");
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(4);
    assertThat(b.kind()).isEqualTo(BreakKind.HASH_MISMATCH);
  }

  @Test
  void editedTextFieldIsAHashMismatchAtThatEntry() throws SQLException {
    appendTen();
    sql("UPDATE warden_audit_entry SET actor = 'User:mallory' WHERE seq = 7");
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(7);
    assertThat(b.kind()).isEqualTo(BreakKind.HASH_MISMATCH);
    assertThat(b.detail()).contains("content hashes to");
  }

  @Test
  void editedFieldThatNoLongerParsesIsReportedNotThrown() throws SQLException {
    appendTen();
    sql("UPDATE warden_audit_entry SET resource = 'garbage' WHERE seq = 2");
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(2);
    assertThat(b.kind()).isEqualTo(BreakKind.HASH_MISMATCH);
    assertThat(b.detail()).contains("does not read back");
  }

  @Test
  void editedEntryWithRecomputedHashBreaksTheNextLink() throws SQLException {
    appendTen();
    AuditEntry e5 = entry(5);
    DecisionEvent forged = withAllowed(e5.event(), !e5.event().allowed());
    String forgedHash = CanonicalForm.hash(e5.prevHash(), CanonicalForm.of(5, forged));
    sql(
        "UPDATE warden_audit_entry SET allowed = NOT allowed, hash = '"
            + forgedHash
            + "' WHERE seq = 5");
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(6);
    assertThat(b.kind()).isEqualTo(BreakKind.PREVIOUS_HASH_MISMATCH);
  }

  @Test
  void rewrittenChainFromAnEntryToTheEndDisagreesWithTheHead() throws SQLException {
    appendTen();
    // The attacker edits entry 8 and recomputes every hash after it, but cannot move the head.
    String prev = entry(7).hash();
    for (long seq = 8; seq <= N; seq++) {
      DecisionEvent ev = entry(seq).event();
      if (seq == 8) {
        ev = withAllowed(ev, !ev.allowed());
      }
      String hash = CanonicalForm.hash(prev, CanonicalForm.of(seq, ev));
      sql(
          "UPDATE warden_audit_entry SET allowed = "
              + bool(ev.allowed())
              + ", prev_hash = '"
              + prev
              + "', hash = '"
              + hash
              + "' WHERE seq = "
              + seq);
      prev = hash;
    }
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(N);
    assertThat(b.kind()).isEqualTo(BreakKind.HEAD_MISMATCH);
  }

  @Test
  void deletedEntryIsASequenceGapAtThatEntry() throws SQLException {
    appendTen();
    sql("DELETE FROM warden_audit_entry WHERE seq = 6");
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(6);
    assertThat(b.kind()).isEqualTo(BreakKind.SEQUENCE_GAP);
    assertThat(b.detail()).contains("next stored entry is 7");
  }

  @Test
  void deletedFirstEntryIsASequenceGapAtOne() throws SQLException {
    appendTen();
    sql("DELETE FROM warden_audit_entry WHERE seq = 1");
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(1);
    assertThat(b.kind()).isEqualTo(BreakKind.SEQUENCE_GAP);
  }

  @Test
  void swappedEntriesBreakAtTheEarlierPosition() throws SQLException {
    appendTen();
    // Reorder: entries 3 and 8 trade places (sequence numbers exchanged, rows otherwise intact).
    sql("UPDATE warden_audit_entry SET seq = -1 WHERE seq = 3");
    sql("UPDATE warden_audit_entry SET seq = 3 WHERE seq = 8");
    sql("UPDATE warden_audit_entry SET seq = 8 WHERE seq = -1");
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(3);
    assertThat(b.kind()).isEqualTo(BreakKind.PREVIOUS_HASH_MISMATCH);
  }

  @Test
  void swappedContentsUnderUnchangedHashesBreakAtTheEarlierPosition() throws SQLException {
    appendTen();
    // Reorder the decisions but keep each row's seq and hashes: the content no longer matches.
    Map<String, Object> row3 = row(3);
    Map<String, Object> row9 = row(9);
    overwrite(3, row9);
    overwrite(9, row3);
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(3);
    assertThat(b.kind()).isEqualTo(BreakKind.HASH_MISMATCH);
  }

  @Test
  void truncatedTailIsDetectedThroughTheHead() throws SQLException {
    appendTen();
    sql("DELETE FROM warden_audit_entry WHERE seq > 7");
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(8);
    assertThat(b.kind()).isEqualTo(BreakKind.TRUNCATED_TAIL);
    assertThat(b.detail()).contains("records 10 entries but the chain ends at 7");
  }

  @Test
  void firstOfSeveralBreaksIsReported() throws SQLException {
    appendTen();
    sql("DELETE FROM warden_audit_entry WHERE seq = 9");
    sql("UPDATE warden_audit_entry SET action = 'delete' WHERE seq = 5");
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(5);
    assertThat(b.kind()).isEqualTo(BreakKind.HASH_MISMATCH);
    assertThat(store.verify().checked()).isEqualTo(4);
  }

  // --- query ----------------------------------------------------------------------------------

  @Test
  void queryFiltersByActorResourceDecisionAndTime() {
    appendTen();
    assertThat(seqs(AuditQuery.builder().actor(EntityRef.of("User", "u1")).build()))
        .containsExactly(10L, 7L, 4L, 1L);
    assertThat(seqs(AuditQuery.builder().resource(EntityRef.of("Repository", "r2")).build()))
        .containsExactly(10L, 6L, 2L);
    assertThat(seqs(AuditQuery.builder().allowed(false).build())).containsExactly(9L, 6L, 3L);
    assertThat(
            seqs(
                AuditQuery.builder()
                    .allowed(true)
                    .from(Events.BASE.plusSeconds(4))
                    .to(Events.BASE.plusSeconds(8))
                    .build()))
        .containsExactly(7L, 5L, 4L);
    assertThat(
            seqs(
                AuditQuery.builder()
                    .actor(EntityRef.of("User", "u1"))
                    .resource(EntityRef.of("Repository", "r0"))
                    .build()))
        .containsExactly(4L);
    assertThat(
            seqs(
                AuditQuery.builder()
                    .actor(EntityRef.of("User", "u2"))
                    .resource(EntityRef.of("Repository", "r3"))
                    .build()))
        .isEmpty();
  }

  @Test
  void pagesFollowTheCursorToTheEnd() {
    appendTen();
    AuditQuery q = AuditQuery.builder().limit(4).build();
    List<Long> seen = new ArrayList<>();
    AuditPage page = store.query(q);
    int pages = 1;
    while (true) {
      page.entries().forEach(e -> seen.add(e.seq()));
      if (page.nextCursor().isEmpty()) {
        break;
      }
      page = store.query(q.after(page.nextCursor().get()));
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly(10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
  }

  @Test
  void exactlyFullLastPageHasNoCursor() {
    appendTen();
    AuditPage page = store.query(AuditQuery.builder().limit(10).build());
    assertThat(page.entries()).hasSize(10);
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void foreignCursorIsRejected() {
    assertThatThrownBy(() -> AuditQuery.builder().cursor("not-a-cursor").build())
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("is not a cursor")
        .extracting(e -> ((WardenException) e).code())
        .isEqualTo(ErrorCode.INVALID_REQUEST);
  }

  // --- export ---------------------------------------------------------------------------------

  @Test
  void exportStreamsJsonLinesOldestFirstWithinTheRange() throws Exception {
    appendTen();
    StringWriter out = new StringWriter();
    long n = store.export(Events.BASE.plusSeconds(3), Events.BASE.plusSeconds(9), out);
    assertThat(n).isEqualTo(6);
    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(6);
    ObjectMapper json = new ObjectMapper();
    List<AuditEntry> all = allOldestFirst();
    for (int i = 0; i < lines.length; i++) {
      JsonNode line = json.readTree(lines[i]);
      AuditEntry stored = all.get(i + 2);
      assertThat(line.get("seq").asLong()).isEqualTo(3 + i);
      assertThat(line.get("hash").asText()).isEqualTo(stored.hash());
      assertThat(line.get("reason").asText()).isEqualTo(stored.event().reason());
      // an outside verifier can recompute each hash from the line alone
      String canonical = lines[i].substring(0, lines[i].indexOf(",\"prev_hash\":")) + "}";
      assertThat(CanonicalForm.hash(line.get("prev_hash").asText(), canonical))
          .isEqualTo(stored.hash());
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  List<Long> seqs(AuditQuery q) {
    return store.query(q).entries().stream().map(AuditEntry::seq).toList();
  }

  List<AuditEntry> allOldestFirst() {
    List<AuditEntry> all =
        new ArrayList<>(store.query(AuditQuery.builder().limit(1000).build()).entries());
    java.util.Collections.reverse(all);
    return all;
  }

  AuditEntry entry(long seq) {
    return allOldestFirst().stream().filter(e -> e.seq() == seq).findFirst().orElseThrow();
  }

  String bool(boolean b) {
    return database().kind() == AuditDatabase.Kind.SQLITE ? (b ? "1" : "0") : Boolean.toString(b);
  }

  static DecisionEvent withAllowed(DecisionEvent e, boolean allowed) {
    return new DecisionEvent(
        e.time(),
        e.decisionId(),
        e.actor(),
        e.action(),
        e.resource(),
        e.tenant(),
        allowed,
        e.revision(),
        e.policyVersion(),
        e.reason(),
        e.latencyMicros(),
        e.keyId(),
        e.source());
  }

  private static final List<String> PAYLOAD =
      List.of(
          "time_us",
          "decision_id",
          "actor",
          "action",
          "resource",
          "tenant",
          "allowed",
          "revision",
          "policy_version",
          "reason",
          "latency_us",
          "key_id",
          "source");

  Map<String, Object> row(long seq) throws SQLException {
    try (Connection c = connect();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT "
                    + String.join(", ", PAYLOAD)
                    + " FROM warden_audit_entry WHERE seq = ?")) {
      p.setLong(1, seq);
      try (ResultSet rs = p.executeQuery()) {
        assertThat(rs.next()).isTrue();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String col : PAYLOAD) {
          out.put(col, rs.getObject(col));
        }
        return out;
      }
    }
  }

  void overwrite(long seq, Map<String, Object> values) throws SQLException {
    String set = String.join(" = ?, ", values.keySet()) + " = ?";
    try (Connection c = connect();
        PreparedStatement p =
            c.prepareStatement("UPDATE warden_audit_entry SET " + set + " WHERE seq = ?")) {
      int i = 1;
      for (Object v : values.values()) {
        p.setObject(i++, v);
      }
      p.setLong(i, seq);
      assertThat(p.executeUpdate()).isEqualTo(1);
    }
  }
}
