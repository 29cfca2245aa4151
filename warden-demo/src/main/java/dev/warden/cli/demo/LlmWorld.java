package dev.warden.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.warden.Warden;
import dev.warden.api.EntityRef;
import dev.warden.api.WardenException;
import dev.warden.langchain4j.AuthorizedIngestor;
import dev.warden.langchain4j.ResourceTag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The LLM demos' world: the policy and grants of {@code examples/llm} in an embedded Warden, and
 * its corpus split, tagged with each document's resource and embedded in process (quantized
 * all-MiniLM-L6-v2, no network) into an in-memory store.
 *
 * @param warden the engine with the demo policy and grants
 * @param model the embedding model
 * @param store the tagged chunks
 */
record LlmWorld(Warden warden, EmbeddingModel model, InMemoryEmbeddingStore<TextSegment> store)
    implements AutoCloseable {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Loads {@code dir}, or the bundled copy of {@code examples/llm} when null. */
  static LlmWorld open(Path dir) {
    Path root = dir != null ? dir : DemoFiles.resolve(null, "llm", bundledFiles());
    Warden warden = DemoData.warden(root.resolve("policy.warden"), root.resolve("grants.yaml"));
    EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
    AuthorizedIngestor ingestor =
        AuthorizedIngestor.builder().embeddingModel(model).embeddingStore(store).build();
    for (JsonNode d : documents(root.resolve("documents.yaml"))) {
      String id = d.path("id").asText();
      Path file = root.resolve(d.path("file").asText());
      ResourceTag tag =
          new ResourceTag(
              EntityRef.of("Document", id),
              null,
              Map.of("is_public", d.path("is_public").asBoolean(false)));
      try {
        ingestor.ingest(Files.readString(file), tag);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read demo document `" + file + "`", e);
      }
    }
    return new LlmWorld(warden, model, store);
  }

  private static List<String> bundledFiles() {
    List<String> files = new ArrayList<>(List.of("policy.warden", "grants.yaml", "documents.yaml"));
    try (InputStream in = LlmWorld.class.getResourceAsStream("llm/documents.yaml")) {
      if (in == null) {
        throw new IllegalStateException("the bundled demo corpus is missing");
      }
      for (JsonNode d : YAML.readTree(in).path("documents")) {
        files.add(d.path("file").asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static JsonNode documents(Path index) {
    try {
      JsonNode docs = YAML.readTree(index.toFile()).path("documents");
      if (!docs.isArray()) {
        throw WardenException.invalid("`" + index + "` has no `documents` list");
      }
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read `" + index + "`", e);
    }
  }

  @Override
  public void close() {
    warden.close();
  }
}
