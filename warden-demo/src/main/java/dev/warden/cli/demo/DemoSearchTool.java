package dev.warden.cli.demo;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.rag.query.Query;
import dev.warden.langchain4j.AuthorizedContentRetriever;

/**
 * The agent demo's one tool: a local semantic search over the bundled corpus. The search itself is
 * permission-filtered too, so even a user allowed to use the tool sees only documents they may
 * read.
 */
final class DemoSearchTool {

  private final AuthorizedContentRetriever retriever;

  DemoSearchTool(AuthorizedContentRetriever retriever) {
    this.retriever = retriever;
  }

  @Tool("Searches the company knowledge base and returns the most relevant passages")
  String search(@P("what to search for") String query) {
    return Passages.render(retriever.retrieve(Query.from(query)));
  }
}
