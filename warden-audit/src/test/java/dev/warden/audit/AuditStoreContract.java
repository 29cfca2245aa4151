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
import java.util.List;
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
    editEntry(4, line -> line.replace("\"allowed\":true", "\"allowed\":false"));
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(4);
    assertThat(b.kind()).isEqualTo(BreakKind.HASH_MISMATCH);
  }

  @Test
  void editedTextFieldIsAHashMismatchAtThatEntry() throws SQLException {
    appendTen();
    editEntry(7, line -> line.replace("\"actor\":\"User:u1\"", "\"actor\":\"User:mallory\""));
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(7);
    assertThat(b.kind()).isEqualTo(BreakKind.HASH_MISMATCH);
    assertThat(b.detail()).contains("content hashes to");
  }

  @Test
  void editWithPlainSqlOnTheStoredTextIsDetected() throws SQLException {
    appendTen();
    // One statement, no tooling: change what entry 5 says in place.
    sql(
        "UPDATE warden_audit_block SET entries = replace(entries,"
            + " '\"seq\":5,', '\"seq\":5,\"x\":1,') WHERE first_seq <= 5 AND last_seq >= 5");
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(5);
    assertThat(b.kind()).isEqualTo(BreakKind.HASH_MISMATCH);
  }

  @Test
  void addedWhitespaceIsAnEditToo() throws SQLException {
    appendTen();
    // Still the same decision when read as JSON, but not the bytes that were hashed.
    editEntry(8, line -> line.replace(",\"action\":", ", \"action\":"));
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(8);
    assertThat(b.kind()).isEqualTo(BreakKind.HASH_MISMATCH);
  }

  @Test
  void editedFieldThatNoLongerParsesIsReportedNotThrown() throws SQLException {
    appendTen();
    editEntry(
        2, line -> line.replace("\"resource\":\"Repository:r2\"", "\"resource\":\"garbage\""));
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
    String forgedLine = CanonicalForm.of(5, forged);
    editEntry(5, line -> forgedLine);
    setHash(5, CanonicalForm.hash(e5.prevHash(), forgedLine));
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(6);
    assertThat(b.kind()).isEqualTo(BreakKind.HASH_MISMATCH);
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
      String line = CanonicalForm.of(seq, ev);
      String hash = CanonicalForm.hash(prev, line);
      if (seq == 8) {
        editEntry(seq, old -> line);
      }
      setHash(seq, hash);
      prev = hash;
    }
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(N);
    assertThat(b.kind()).isEqualTo(BreakKind.HEAD_MISMATCH);
  }

  @Test
  void deletedEntryIsASequenceGapAtThatEntry() throws SQLException {
    appendTen();
    deleteEntry(6);
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(6);
    assertThat(b.kind()).isEqualTo(BreakKind.SEQUENCE_GAP);
    assertThat(b.detail()).contains("next stored entry is 7");
  }

  @Test
  void deletedFirstEntryIsASequenceGapAtOne() throws SQLException {
    appendTen();
    deleteEntry(1);
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(1);
    assertThat(b.kind()).isEqualTo(BreakKind.SEQUENCE_GAP);
  }

  @Test
  void deletedBlockIsASequenceGapAtItsFirstEntry() throws SQLException {
    appendTen();
    sql("DELETE FROM warden_audit_block WHERE first_seq = 4");
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(4);
    assertThat(b.kind()).isEqualTo(BreakKind.SEQUENCE_GAP);
    assertThat(b.detail()).contains("3 entries are missing or moved");
  }

  @Test
  void swappedEntriesBreakAtTheEarlierPosition() throws SQLException {
    appendTen();
    // Reorder: entries 3 and 8 trade places, each keeping its hash (across two blocks).
    swapEntries(3, 8);
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(3);
    assertThat(b.kind()).isEqualTo(BreakKind.SEQUENCE_GAP);
    assertThat(b.detail()).contains("next stored entry is 8");
  }

  @Test
  void swappedNeighboursInOneBlockBreakAtTheFirst() throws SQLException {
    appendTen();
    swapEntries(8, 9);
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(8);
    assertThat(b.kind()).isEqualTo(BreakKind.SEQUENCE_GAP);
  }

  @Test
  void swappedContentsUnderUnchangedNumbersAndHashesBreakAtTheEarlierPosition()
      throws SQLException {
    appendTen();
    // Reorder the decisions but keep each position's sequence number and hash.
    DecisionEvent third = entry(3).event();
    DecisionEvent ninth = entry(9).event();
    editEntry(3, line -> CanonicalForm.of(3, ninth));
    editEntry(9, line -> CanonicalForm.of(9, third));
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(3);
    assertThat(b.kind()).isEqualTo(BreakKind.HASH_MISMATCH);
  }

  @Test
  void truncatedTailIsDetectedThroughTheHead() throws SQLException {
    appendTen();
    deleteEntry(10);
    deleteEntry(9);
    deleteEntry(8);
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(8);
    assertThat(b.kind()).isEqualTo(BreakKind.TRUNCATED_TAIL);
    assertThat(b.detail()).contains("records 10 entries but the chain ends at 7");
  }

  @Test
  void replacedPreviousHashOfABlockIsAPreviousHashMismatch() throws SQLException {
    appendTen();
    sql("UPDATE warden_audit_block SET prev_hash = '" + "ab".repeat(32) + "' WHERE first_seq = 7");
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(7);
    assertThat(b.kind()).isEqualTo(BreakKind.PREVIOUS_HASH_MISMATCH);
  }

  @Test
  void blockSummaryThatHidesEntriesFromTimeQueriesIsReported() throws SQLException {
    appendTen();
    // Entries 4..6 would vanish from queries for their time; their chain is untouched.
    sql("UPDATE warden_audit_block SET max_time_us = min_time_us - 1 WHERE first_seq = 4");
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(4);
    assertThat(b.kind()).isEqualTo(BreakKind.BLOCK_SUMMARY_MISMATCH);
    assertThat(b.detail()).contains("claims times");
  }

  @Test
  void hashWithoutItsEntryIsReported() throws SQLException {
    appendTen();
    // The line of entry 6, the last of its block, is removed but its hash is left behind.
    BlockRow row = blockRow(4);
    List<String> entries = new ArrayList<>(row.entries());
    entries.remove(2);
    sql(
        "UPDATE warden_audit_block SET entries = '"
            + String.join("\n", entries).replace("'", "''")
            + "', last_seq = 5 WHERE first_seq = 4");
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(6);
    assertThat(b.kind()).isEqualTo(BreakKind.HASH_MISMATCH);
    assertThat(b.detail()).contains("2 entries but 3 hashes");
  }

  @Test
  void firstOfSeveralBreaksIsReported() throws SQLException {
    appendTen();
    deleteEntry(9);
    editEntry(5, line -> line.replace("\"action\":\"push\"", "\"action\":\"delete\""));
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(5);
    assertThat(b.kind()).isEqualTo(BreakKind.HASH_MISMATCH);
    assertThat(store.verify().checked()).isEqualTo(4);
  }

  /** Inserts, outside the audit log, a well-chained block continuing from the head's entry. */
  void insertForeignBlock(long afterSeq, int... ids) throws SQLException {
    BlockBuilder b = new BlockBuilder(new AuditHead(afterSeq, entry(afterSeq).hash()));
    for (int id : ids) {
      b.add(Events.event(id));
    }
    try (Connection c = connect()) {
      AuditStore.insert(c, b.build());
    }
  }

  long foreignRows() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM warden_audit_foreign_block")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void wellChainedBlockInsertedPastTheHeadIsDetected() throws SQLException {
    appendTen();
    insertForeignBlock(10, 11, 12);
    ChainBreak b = firstBreak();
    assertThat(b.seq()).isEqualTo(11);
    assertThat(b.kind()).isEqualTo(BreakKind.BEYOND_HEAD);
    assertThat(b.detail()).contains("head checkpoint is 10");
  }

  @Test
  void entriesAddedToTheHeadBlockPastTheHeadAreDetected() throws SQLException {
    appendTen();
    // the last block (7..10) is rewritten to hold 7..11, chained correctly; the head stays at 10
    BlockBuilder b = new BlockBuilder(new AuditHead(6, entry(6).hash()));
    for (int id = 7; id <= 11; id++) {
      b.add(Events.event(id));
    }
    sql("DELETE FROM warden_audit_block WHERE first_seq = 7");
    try (Connection c = connect()) {
      AuditStore.insert(c, b.build());
    }
    ChainBreak br = firstBreak();
    assertThat(br.seq()).isEqualTo(11);
    assertThat(br.kind()).isEqualTo(BreakKind.BEYOND_HEAD);
  }

  @Test
  void writerMovesAForeignBlockPastTheHeadAsideAndVerifyKeepsReportingIt() throws SQLException {
    appendTen();
    insertForeignBlock(10, 11, 12);
    // the next append starts at 11, where the foreign block sits: it must not fail for ever
    store.append(Events.range(11, 13));
    assertThat(store.head().seq()).isEqualTo(13);
    assertThat(entry(11).event().decisionId()).isEqualTo("d11");
    assertThat(foreignRows()).isEqualTo(1);
    store.append(Events.range(14, 14));
    VerifyReport r = store.verify();
    assertThat(r.checked()).isEqualTo(14);
    assertThat(r.intact()).as(r.summary()).isFalse();
    ChainBreak b = r.firstBreak().orElseThrow();
    assertThat(b.kind()).isEqualTo(BreakKind.FOREIGN_BLOCK);
    assertThat(b.seq()).isEqualTo(11);
    assertThat(b.detail()).contains("warden_audit_foreign_block");
    // once the operator has inspected and removed it, the log verifies again
    sql("DELETE FROM warden_audit_foreign_block");
    assertThat(store.verify().intact()).isTrue();
  }

  @Test
  void auditLogKeepsRecordingPastAForeignBlock() throws Exception {
    appendTen();
    insertForeignBlock(10, 11);
    AuditLog log = AuditLog.builder(store).gatherTime(java.time.Duration.ZERO).build();
    for (int i = 11; i <= 40; i++) {
      log.record(Events.event(i));
    }
    assertThat(log.flush(java.time.Duration.ofSeconds(10))).as("%s", log.stats()).isTrue();
    log.close();
    assertThat(store.head().seq()).isEqualTo(40);
    assertThat(store.verify().checked()).isEqualTo(40);
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
  void queryMatchesIdsWithPatternCharactersLiterally() {
    List<String> ids = List.of("a_b%c!d", "aXbYc!d", "a!_b", "a\\\"q");
    List<DecisionEvent> events = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      DecisionEvent e = Events.event(i + 1);
      events.add(
          new DecisionEvent(
              e.time(),
              e.decisionId(),
              EntityRef.of("User", ids.get(i)),
              e.action(),
              e.resource(),
              e.tenant(),
              e.allowed(),
              e.revision(),
              e.policyVersion(),
              e.reason(),
              e.latencyMicros(),
              e.keyId(),
              e.source()));
    }
    store.append(events);
    for (int i = 0; i < ids.size(); i++) {
      assertThat(seqs(AuditQuery.builder().actor(EntityRef.of("User", ids.get(i))).build()))
          .as(ids.get(i))
          .containsExactly((long) i + 1);
    }
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

  // --- tampering as an attacker with SQL access would: rewrite a block row's text ------------

  /** A block row as stored. */
  record BlockRow(long firstSeq, List<String> entries, List<String> hashes) {}

  /** Where an entry is stored: its block and its line in it. */
  record Spot(long blockFirstSeq, int index) {}

  BlockRow blockRow(long firstSeq) throws SQLException {
    try (Connection c = connect();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT entries, hashes FROM warden_audit_block WHERE first_seq = ?")) {
      p.setLong(1, firstSeq);
      try (ResultSet rs = p.executeQuery()) {
        assertThat(rs.next()).as("block %s", firstSeq).isTrue();
        return new BlockRow(
            firstSeq,
            List.of(rs.getString(1).split("\n", -1)),
            List.of(rs.getString(2).split("\n", -1)));
      }
    }
  }

  Spot spot(long seq) throws SQLException {
    List<Long> firsts = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT first_seq FROM warden_audit_block")) {
      while (rs.next()) {
        firsts.add(rs.getLong(1));
      }
    }
    for (long first : firsts) {
      List<String> lines = blockRow(first).entries();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("{\"seq\":" + seq + ",")) {
          return new Spot(first, i);
        }
      }
    }
    throw new AssertionError("no stored entry " + seq);
  }

  /** Writes the block back with its summary made to agree, as a careful attacker would. */
  void rewrite(long firstSeq, List<String> entries, List<String> hashes) throws SQLException {
    if (entries.isEmpty()) {
      sql("DELETE FROM warden_audit_block WHERE first_seq = " + firstSeq);
      return;
    }
    long[] seqs = entries.stream().mapToLong(l -> EntryParser.parse(l).seq()).toArray();
    long[] times =
        entries.stream()
            .mapToLong(l -> CanonicalForm.micros(EntryParser.parse(l).event().time()))
            .toArray();
    try (Connection c = connect();
        PreparedStatement p =
            c.prepareStatement(
                "UPDATE warden_audit_block SET first_seq = ?, last_seq = ?, min_time_us = ?,"
                    + " max_time_us = ?, entries = ?, hashes = ? WHERE first_seq = ?")) {
      p.setLong(1, seqs[0]);
      p.setLong(2, seqs[seqs.length - 1]);
      p.setLong(3, java.util.Arrays.stream(times).min().orElseThrow());
      p.setLong(4, java.util.Arrays.stream(times).max().orElseThrow());
      p.setString(5, String.join("\n", entries));
      p.setString(6, String.join("\n", hashes));
      p.setLong(7, firstSeq);
      assertThat(p.executeUpdate()).isEqualTo(1);
    }
  }

  /** Replaces the text of entry {@code seq} (a line that may no longer parse is left as is). */
  void editEntry(long seq, java.util.function.UnaryOperator<String> edit) throws SQLException {
    Spot at = spot(seq);
    BlockRow row = blockRow(at.blockFirstSeq());
    List<String> entries = new ArrayList<>(row.entries());
    String edited = edit.apply(entries.get(at.index()));
    assertThat(edited).as("the edit changes entry %s", seq).isNotEqualTo(entries.get(at.index()));
    entries.set(at.index(), edited);
    String joined = String.join("\n", entries).replace("'", "''");
    sql(
        "UPDATE warden_audit_block SET entries = '"
            + joined
            + "' WHERE first_seq = "
            + at.blockFirstSeq());
  }

  void setHash(long seq, String hash) throws SQLException {
    Spot at = spot(seq);
    BlockRow row = blockRow(at.blockFirstSeq());
    List<String> hashes = new ArrayList<>(row.hashes());
    hashes.set(at.index(), hash);
    sql(
        "UPDATE warden_audit_block SET hashes = '"
            + String.join("\n", hashes)
            + "' WHERE first_seq = "
            + at.blockFirstSeq());
  }

  void deleteEntry(long seq) throws SQLException {
    Spot at = spot(seq);
    BlockRow row = blockRow(at.blockFirstSeq());
    List<String> entries = new ArrayList<>(row.entries());
    List<String> hashes = new ArrayList<>(row.hashes());
    entries.remove(at.index());
    hashes.remove(at.index());
    rewrite(at.blockFirstSeq(), entries, hashes);
  }

  void swapEntries(long a, long b) throws SQLException {
    Spot sa = spot(a);
    Spot sb = spot(b);
    BlockRow ra = blockRow(sa.blockFirstSeq());
    BlockRow rb = blockRow(sb.blockFirstSeq());
    List<String> ea = new ArrayList<>(ra.entries());
    List<String> ha = new ArrayList<>(ra.hashes());
    List<String> eb = sa.blockFirstSeq() == sb.blockFirstSeq() ? ea : new ArrayList<>(rb.entries());
    List<String> hb = sa.blockFirstSeq() == sb.blockFirstSeq() ? ha : new ArrayList<>(rb.hashes());
    String lineA = ea.get(sa.index());
    String hashA = ha.get(sa.index());
    ea.set(sa.index(), eb.get(sb.index()));
    ha.set(sa.index(), hb.get(sb.index()));
    eb.set(sb.index(), lineA);
    hb.set(sb.index(), hashA);
    if (sa.blockFirstSeq() != sb.blockFirstSeq()) {
      // park the first block out of the way so the two summaries never collide
      sql("UPDATE warden_audit_block SET first_seq = -1 WHERE first_seq = " + sa.blockFirstSeq());
      rewrite(sb.blockFirstSeq(), eb, hb);
      rewrite(-1, ea, ha);
    } else {
      rewrite(sa.blockFirstSeq(), ea, ha);
    }
  }
}
