package dev.warden.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Permission-filtered retrieval over a real in-memory embedding store with the real (quantized
 * all-MiniLM-L6-v2) embedding model. The property: for any permission set, the retriever returns
 * exactly the top-k of the unfiltered ranking restricted to chunks the user may read, on both the
 * pushed-down and the post-filtered path.
 */
class AuthorizedRetrievalTest {

  static final String POLICY =
      """
      actor User {}

      actor Group {
        relations = { member: User | Group#member };
      }

      resource Document {
        permissions = ["read"];
        roles = ["viewer", "owner"];
        attributes = { is_public: bool };

        "viewer" if "owner";
        "read" if "viewer";
        "read" if resource.is_public;
      }
      """;

  static final String[] TOPICS = {
    "multi-factor authentication with hardware keys",
    "nightly database backups and restore drills",
    "the quarterly budget forecast",
    "payroll processing and salary bands",
    "incident response and on-call rotations",
    "travel and expense reimbursement",
    "deploying services with blue-green releases",
    "vendor invoices and accounts payable",
    "password rotation and single sign-on",
    "kubernetes cluster upgrades",
    "annual tax filings and audits",
    "code review guidelines for pull requests",
  };

  static final int DOCUMENTS = 36;
  static final EntityRef USER = EntityRef.of("User", "u");

  static EmbeddingModel model;
  static InMemoryEmbeddingStore<TextSegment> store;
  static int chunks;

  @BeforeAll
  static void ingest() {
    model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    store = new InMemoryEmbeddingStore<>();
    AuthorizedIngestor ingestor =
        AuthorizedIngestor.builder()
            .embeddingModel(model)
            .embeddingStore(store)
            .splitter(DocumentSplitters.recursive(160, 0))
            .build();
    for (int i = 0; i < DOCUMENTS; i++) {
      chunks += ingestor.ingest(text(i), tag(i));
    }
    assertThat(chunks).isGreaterThan(DOCUMENTS);
  }

  static String text(int i) {
    String topic = TOPICS[i % TOPICS.length];
    String team = i % 2 == 0 ? "engineering" : "finance";
    return "Handbook page "
        + i
        + " explains "
        + topic
        + " for the "
        + team
        + " team, version "
        + (i / TOPICS.length + 1)
        + ".\n\nIt lists owners, deadlines and the checklist to follow for "
        + topic
        + ", with examples from section "
        + i
        + ".";
  }

  static boolean isPublic(int i) {
    return i % 9 == 4;
  }

  static ResourceTag tag(int i) {
    return new ResourceTag(doc(i), null, Map.of("is_public", isPublic(i)));
  }

  static EntityRef doc(int i) {
    return EntityRef.of("Document", "d" + i);
  }

  /** A Warden whose user may read a random subset, directly, through nested groups or publicly. */
  static Warden randomPermissions(Random random) {
    Warden w = Warden.builder().policy("docs.warden", POLICY).build();
    double p = new double[] {0.0, 0.05, 0.2, 0.5, 0.9}[random.nextInt(5)];
    w.grant("Group:inner#member@User:u", "Group:outer#member@Group:inner#member");
    for (int i = 0; i < DOCUMENTS; i++) {
      w.setAttributes(doc(i), Map.of("is_public", isPublic(i)));
      if (random.nextDouble() < p) {
        String subject =
            switch (random.nextInt(3)) {
              case 0 -> "User:u";
              case 1 -> "Group:inner#member";
              default -> "Group:outer#member";
            };
        String role = random.nextBoolean() ? "viewer" : "owner";
        w.grant("Document:d" + i + "#" + role + "@" + subject);
      } else if (random.nextInt(4) == 0) {
        w.grant("Document:d" + i + "#viewer@User:someone_else");
      }
    }
    return w;
  }

  /** No grants; the documents' attributes stored as they were copied into the chunks. */
  static Warden withAttributes() {
    Warden w = Warden.builder().policy("docs.warden", POLICY).build();
    for (int i = 0; i < DOCUMENTS; i++) {
      w.setAttributes(doc(i), Map.of("is_public", isPublic(i)));
    }
    return w;
  }

  static AuthorizedContentRetriever.Builder retriever(Warden w, int k) {
    return AuthorizedContentRetriever.builder()
        .authorizer(w)
        .embeddingModel(model)
        .embeddingStore(store)
        .actor(USER)
        .maxResults(k);
  }

  /** The reference: rank everything, keep what the user may read (one check each), take k. */
  static List<String> expectedTopK(Warden w, String question, int k) {
    List<EmbeddingMatch<TextSegment>> all =
        store
            .search(
                EmbeddingSearchRequest.builder()
                    .queryEmbedding(model.embed(question).content())
                    .maxResults(chunks)
                    .minScore(0.0)
                    .filter(
                        MetadataFilterBuilder.metadataKey("resource_type").isEqualTo("Document"))
                    .build())
            .matches();
    assertThat(all).hasSize(chunks);
    List<String> out = new ArrayList<>();
    for (EmbeddingMatch<TextSegment> m : all) {
      EntityRef r = ResourceTag.resourceOf(m.embedded().metadata());
      if (out.size() < k && w.check(CheckRequest.of(USER, "read", r)).allowed()) {
        out.add(m.embeddingId());
      }
    }
    return out;
  }

  static List<String> ids(Retrieval r) {
    return r.contents().stream()
        .map(c -> (String) c.metadata().get(ContentMetadata.EMBEDDING_ID))
        .toList();
  }

  static void assertAllReadable(Warden w, Retrieval r) {
    for (Content c : r.contents()) {
      EntityRef res = ResourceTag.resourceOf(c.textSegment().metadata());
      assertThat(w.check(CheckRequest.of(USER, "read", res)).allowed())
          .as("returned chunk of %s", res)
          .isTrue();
    }
  }

  @TestFactory
  Stream<DynamicTest> bothPathsReturnTheAuthorizedTopKForRandomPermissions() {
    long seed = Long.getLong("warden.seed", System.nanoTime());
    System.out.println("AuthorizedRetrievalTest seed: " + seed + " (rerun with -Dwarden.seed=)");
    Random seeds = new Random(seed);
    return Stream.generate(seeds::nextLong)
        .limit(25)
        .map(
            s ->
                DynamicTest.dynamicTest(
                    "seed " + s + " (from " + seed + ")",
                    () -> {
                      Random random = new Random(s);
                      int k = 1 + random.nextInt(6);
                      String question =
                          "How do we handle " + TOPICS[random.nextInt(TOPICS.length)] + "?";
                      try (Warden w = randomPermissions(random)) {
                        List<String> expected = expectedTopK(w, question, k);

                        Retrieval pushed = retriever(w, k).build().retrieveWithPath(question);
                        assertAllReadable(w, pushed);
                        assertThat(ids(pushed)).isEqualTo(expected);

                        Retrieval post =
                            retriever(w, k)
                                .pushDownLimit(0)
                                .overFetch(1 + random.nextInt(3))
                                .maxFetch(chunks)
                                .build()
                                .retrieveWithPath(question);
                        assertAllReadable(w, post);
                        assertThat(post.path()).isEqualTo(RetrievalPath.POST_FILTERED);
                        assertThat(ids(post)).isEqualTo(expected);
                      }
                    }));
  }

  @Test
  void whenTheTopResultsAreAllUnauthorizedTheAuthorizedOnesStillComeBack() {
    try (Warden w = Warden.builder().policy("docs.warden", POLICY).build()) {
      // The user may read only d1 (travel expenses is topic 5; d1 is database backups).
      w.grant("Document:d1#viewer@User:u");
      String question = "How are travel and expense reimbursements handled?";
      for (AuthorizedContentRetriever r :
          List.of(
              retriever(w, 3).useResidual(false).build(),
              retriever(w, 3).useResidual(false).pushDownLimit(0).overFetch(1).build())) {
        Retrieval got = r.retrieveWithPath(question);
        assertThat(got.contents())
            .isNotEmpty()
            .allSatisfy(
                c ->
                    assertThat(c.textSegment().metadata().getString("resource_id"))
                        .isEqualTo("d1"));
      }
    }
  }

  @Test
  void theResidualAttributeRuleIsPushedIntoTheStoreFilter() {
    try (Warden w = Warden.builder().policy("docs.warden", POLICY).build()) {
      // No grants: only public documents (is_public copied into chunk metadata) are readable.
      Retrieval got = retriever(w, 50).build().retrieveWithPath("budget");
      assertThat(got.path()).isEqualTo(RetrievalPath.PUSHED_DOWN);
      assertThat(got.contents())
          .isNotEmpty()
          .allSatisfy(
              c ->
                  assertThat(c.textSegment().metadata().getString("attr_is_public"))
                      .isEqualTo("true"));
      assertThat(
              got.contents().stream()
                  .map(c -> c.textSegment().metadata().getString("resource_id"))
                  .distinct())
          .containsExactlyInAnyOrder("d4", "d13", "d22", "d31");
    }
  }

  @Test
  void nothingAuthorizedMeansTheStoreIsNotQueried() {
    try (Warden w = Warden.builder().policy("docs.warden", POLICY).build()) {
      Retrieval got = retriever(w, 5).useResidual(false).build().retrieveWithPath("budget");
      // Without the residual, public documents are enumerated from stored attributes (none here).
      assertThat(got.path()).isEqualTo(RetrievalPath.NOTHING_AUTHORIZED);
      assertThat(got.contents()).isEmpty();
    }
  }

  @Test
  void moreAuthorizedResourcesThanThePushDownLimitSwitchToPostFiltering() {
    try (Warden w = withAttributes()) {
      for (int i = 0; i < 10; i++) {
        w.grant("Document:d" + i + "#viewer@User:u");
      }
      RecordingDecisionLog log = new RecordingDecisionLog();
      Retrieval few = retriever(w, 4).pushDownLimit(10).build().retrieveWithPath("backups");
      Retrieval many =
          retriever(w, 4).pushDownLimit(9).decisionLog(log).build().retrieveWithPath("backups");
      assertThat(few.path()).isEqualTo(RetrievalPath.PUSHED_DOWN);
      assertThat(many.path()).isEqualTo(RetrievalPath.POST_FILTERED);
      assertThat(ids(many)).isEqualTo(ids(few));
      assertThat(log.events())
          .isNotEmpty()
          .allSatisfy(
              e -> {
                assertThat(e.source()).isEqualTo("rag-retrieval");
                assertThat(e.allowed()).isTrue();
              });
    }
  }
}
