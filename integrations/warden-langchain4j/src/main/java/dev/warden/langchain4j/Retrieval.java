package dev.warden.langchain4j;

import dev.langchain4j.rag.content.Content;
import java.util.List;

/**
 * What one authorized retrieval returned and how.
 *
 * @param contents the chunks, best first, every one of a resource the user may read
 * @param path how permissions were enforced
 * @param candidatesFetched how many matches the store returned in total (over-fetching included)
 */
public record Retrieval(List<Content> contents, RetrievalPath path, int candidatesFetched) {
  public Retrieval {
    contents = List.copyOf(contents);
  }
}
