package dev.warden.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.warden.Warden;
import dev.warden.api.EntityRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A retriever limited to one tenant returns only that tenant's chunks, on both paths. */
class TenantRetrievalTest {

  static final String POLICY =
      """
      actor User {}

      resource Tenant {
        roles = ["viewer"];
      }

      resource Document {
        permissions = ["read"];
        roles = ["viewer"];
        relations = { tenant: Tenant };

        "viewer" if "viewer" on "tenant";
        "read" if "viewer";
      }
      """;

  static EmbeddingModel model;
  static InMemoryEmbeddingStore<TextSegment> store;
  static Warden warden;

  @BeforeAll
  static void setUp() {
    model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    store = new InMemoryEmbeddingStore<>();
    AuthorizedIngestor ingestor =
        AuthorizedIngestor.builder().embeddingModel(model).embeddingStore(store).build();
    ingestor.ingest("Acme budget for the year", tagged("a1", "acme"));
    ingestor.ingest("Acme hiring plan and budget", tagged("a2", "acme"));
    ingestor.ingest("Globex budget and forecast", tagged("g1", "globex"));
    warden = Warden.builder().policy("tenants.warden", POLICY).build();
    warden.grant(
        "Document:a1#tenant@Tenant:acme",
        "Document:a2#tenant@Tenant:acme",
        "Document:g1#tenant@Tenant:globex",
        "Tenant:acme#viewer@User:u",
        "Document:g1#viewer@User:u");
  }

  @AfterAll
  static void tearDown() {
    warden.close();
  }

  static ResourceTag tagged(String id, String tenant) {
    return new ResourceTag(EntityRef.of("Document", id), tenant, Map.of());
  }

  static List<String> resources(Retrieval r) {
    return r.contents().stream()
        .map(c -> c.textSegment().metadata().getString(ResourceTag.ID))
        .sorted()
        .toList();
  }

  AuthorizedContentRetriever.Builder retriever() {
    return AuthorizedContentRetriever.builder()
        .authorizer(warden)
        .embeddingModel(model)
        .embeddingStore(store)
        .actor(EntityRef.of("User", "u"))
        .useResidual(false)
        .maxResults(10);
  }

  @Test
  void withoutATenantEverythingReadableComesBack() {
    assertThat(resources(retriever().build().retrieveWithPath("budget")))
        .containsExactly("a1", "a2", "g1");
    assertThat(resources(retriever().pushDownLimit(0).build().retrieveWithPath("budget")))
        .containsExactly("a1", "a2", "g1");
  }

  @Test
  void aTenantLimitsBothPathsToItsChunks() {
    Retrieval pushed = retriever().tenant("acme").build().retrieveWithPath("budget");
    Retrieval post = retriever().tenant("acme").pushDownLimit(0).build().retrieveWithPath("budget");
    assertThat(pushed.path()).isEqualTo(RetrievalPath.PUSHED_DOWN);
    assertThat(post.path()).isEqualTo(RetrievalPath.POST_FILTERED);
    assertThat(resources(pushed)).containsExactly("a1", "a2");
    assertThat(resources(post)).containsExactly("a1", "a2");
    assertThat(resources(retriever().tenant("globex").build().retrieveWithPath("budget")))
        .containsExactly("g1");
  }
}
