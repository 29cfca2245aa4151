package dev.warden.cli.demo;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.warden.langchain4j.ResourceTag;
import java.util.List;
import java.util.Locale;

/** How the demos print retrieved passages: the source document, the score, the text. */
final class Passages {

  private Passages() {}

  static String render(List<Content> contents) {
    if (contents.isEmpty()) {
      return "No passages you may read match the question.";
    }
    StringBuilder sb = new StringBuilder();
    for (Content c : contents) {
      Object score = c.metadata().get(ContentMetadata.SCORE);
      sb.append("[Document:")
          .append(c.textSegment().metadata().getString(ResourceTag.ID))
          .append("]");
      if (score instanceof Double d) {
        sb.append(String.format(Locale.ROOT, " (score %.2f)", d));
      }
      sb.append('\n').append(c.textSegment().text().strip()).append("\n\n");
    }
    return sb.toString().stripTrailing();
  }
}
