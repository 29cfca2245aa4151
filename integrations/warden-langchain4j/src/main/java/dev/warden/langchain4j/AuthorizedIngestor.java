package dev.warden.langchain4j;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits documents into chunks, tags every chunk with the {@link ResourceTag} of the document it
 * came from, embeds and stores them. Untagged chunks would be invisible to {@link
 * AuthorizedContentRetriever} (it never returns a chunk it cannot attribute), so ingest through
 * this class or write the same keys.
 */
public final class AuthorizedIngestor {

  private final EmbeddingModel model;
  private final EmbeddingStore<TextSegment> store;
  private final DocumentSplitter splitter;

  private AuthorizedIngestor(Builder b) {
    model = Objects.requireNonNull(b.model, "embeddingModel");
    store = Objects.requireNonNull(b.store, "embeddingStore");
    splitter = b.splitter;
  }

  /** A builder; the embedding model and store are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Ingests one document's text; returns how many chunks were stored. */
  public int ingest(String text, ResourceTag tag) {
    return ingest(Document.from(text), tag);
  }

  /** Ingests one document; returns how many chunks were stored. */
  public int ingest(Document document, ResourceTag tag) {
    List<TextSegment> chunks = new ArrayList<>();
    for (TextSegment s : splitter.split(document)) {
      Metadata m = s.metadata().copy();
      tag.writeTo(m);
      chunks.add(TextSegment.from(s.text(), m));
    }
    if (chunks.isEmpty()) {
      return 0;
    }
    List<Embedding> embeddings = model.embedAll(chunks).content();
    store.addAll(embeddings, chunks);
    return chunks.size();
  }

  /** Configures an {@link AuthorizedIngestor}. */
  public static final class Builder {
    private EmbeddingModel model;
    private EmbeddingStore<TextSegment> store;
    private DocumentSplitter splitter = DocumentSplitters.recursive(500, 50);

    private Builder() {}

    /** The model that embeds chunks. */
    public Builder embeddingModel(EmbeddingModel embeddingModel) {
      model = embeddingModel;
      return this;
    }

    /** Where chunks are stored. */
    public Builder embeddingStore(EmbeddingStore<TextSegment> embeddingStore) {
      store = embeddingStore;
      return this;
    }

    /** How documents are split; recursive 500-character chunks with 50 of overlap by default. */
    public Builder splitter(DocumentSplitter documentSplitter) {
      splitter = Objects.requireNonNull(documentSplitter, "splitter");
      return this;
    }

    /** The ingestor. */
    public AuthorizedIngestor build() {
      return new AuthorizedIngestor(this);
    }
  }
}
