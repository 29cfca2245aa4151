package dev.warden.lang;

import java.util.List;

/**
 * The formatter's printer. It walks the tree in source order and hands out comments by offset:
 * before an item it prints every comment that starts before the item ends (so comments inside an
 * item that prints on one line move above it), after an item the comment on the same line. Blank
 * lines are kept (at most one) by looking at the source between consecutive items.
 */
final class FormatPrinter {

  private static final String INDENT = "  ";

  private final String text;
  private final SyntaxTree tree;
  private final List<Comment> comments;
  private final StringBuilder out = new StringBuilder();
  private int nextComment;
  private int lastEnd;

  FormatPrinter(String text, SyntaxTree tree) {
    this.text = text;
    this.tree = tree;
    this.comments = tree.comments();
  }

  String print() {
    boolean first = true;
    for (Declaration d : tree.declarations()) {
      int headerEnd = d instanceof Declaration.Type t ? t.open().start() : d.span().end();
      placeBefore(d.span().start(), headerEnd, "", first, !first);
      if (d instanceof Declaration.Type t) {
        type(t);
      } else if (d instanceof Declaration.Condition c) {
        out.append(condition(c));
      }
      lastEnd = d.span().end();
      trailing(d.span().end());
      first = false;
    }
    while (nextComment < comments.size()) {
      Comment c = comments.get(nextComment++);
      if (out.length() > 0 && blankBetween(lastEnd, c.span().start())) {
        out.append('\n');
      }
      out.append(c.text()).append('\n');
      lastEnd = c.span().end();
    }
    return out.toString();
  }

  /**
   * Prints the comments before an item and sets up the blank line before it.
   *
   * @param start where the item starts
   * @param end comments before this offset go above the item (those inside it, too)
   * @param indent the item's indentation
   * @param firstInBlock no blank line may precede the item
   * @param forceBlank a blank line must precede the item or its comments (between declarations)
   */
  private void placeBefore(
      int start, int end, String indent, boolean firstInBlock, boolean forceBlank) {
    boolean first = true;
    while (nextComment < comments.size() && comments.get(nextComment).span().start() < start) {
      Comment c = comments.get(nextComment++);
      boolean blank =
          first
              ? forceBlank || (!firstInBlock && blankBetween(lastEnd, c.span().start()))
              : blankBetween(lastEnd, c.span().start());
      line(blank, indent + c.text());
      lastEnd = c.span().end();
      first = false;
    }
    boolean blank =
        first
            ? forceBlank || (!firstInBlock && blankBetween(lastEnd, start))
            : blankBetween(lastEnd, start);
    // Comments inside the item move above it, taking over the blank line before it.
    while (nextComment < comments.size() && comments.get(nextComment).span().start() < end) {
      line(blank, indent + comments.get(nextComment++).text());
      blank = false;
    }
    if (blank) {
      out.append('\n');
    }
    out.append(indent);
  }

  private void line(boolean blankBefore, String line) {
    if (blankBefore) {
      out.append('\n');
    }
    out.append(line).append('\n');
  }

  /** Appends the comment on the same line after {@code end}, if there is one, then a newline. */
  private void trailing(int end) {
    if (nextComment < comments.size()) {
      Comment c = comments.get(nextComment);
      if (onSameLine(end, c.span().start())) {
        out.append("  ").append(c.text());
        lastEnd = c.span().end();
        nextComment++;
      }
    }
    out.append('\n');
  }

  private boolean onSameLine(int end, int commentStart) {
    if (commentStart < end) {
      return false;
    }
    for (int i = end; i < commentStart; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != ',' && c != '\r' && c != '\f') {
        return false;
      }
    }
    return true;
  }

  private boolean blankBetween(int from, int to) {
    int newlines = 0;
    for (int i = Math.max(0, from); i < to; i++) {
      if (text.charAt(i) == '\n' && ++newlines == 2) {
        return true;
      }
    }
    return false;
  }

  // --- declarations ---------------------------------------------------------------------------

  private void type(Declaration.Type t) {
    out.append(t.kind().keyword()).append(' ').append(t.name().text()).append(" {");
    int close = t.close().start();
    boolean empty =
        t.members().isEmpty()
            && (nextComment >= comments.size()
                || comments.get(nextComment).span().start() >= close);
    if (empty) {
      out.append('}');
      return;
    }
    lastEnd = t.open().end();
    trailing(t.open().end());
    boolean first = true;
    for (Member m : t.members()) {
      member(m, first);
      first = false;
    }
    boolean firstLine = true;
    while (nextComment < comments.size() && comments.get(nextComment).span().start() < close) {
      Comment c = comments.get(nextComment++);
      if (!(first && firstLine) && blankBetween(lastEnd, c.span().start())) {
        out.append('\n');
      }
      out.append(INDENT).append(c.text()).append('\n');
      lastEnd = c.span().end();
      firstLine = false;
    }
    out.append('}');
  }

  private void member(Member m, boolean first) {
    boolean expanded = expanded(m);
    // An expanded list places the comments inside it itself.
    int commentsUpTo = expanded ? m.span().start() : m.span().end();
    placeBefore(m.span().start(), commentsUpTo, INDENT, first, false);
    if (m instanceof Member.Names names) {
      names(names, expanded);
    } else if (m instanceof Member.Relations relations) {
      relations(relations, expanded);
    } else if (m instanceof Member.Attributes attributes) {
      attributes(attributes, expanded);
    } else if (m instanceof Member.Rule rule) {
      out.append(ExprPrinter.rule(rule, true));
    }
    out.append(';');
    lastEnd = m.span().end();
    trailing(m.span().end());
  }

  /** A list written over several lines (between its brackets), with entries or comments. */
  private boolean expanded(Member m) {
    Span list;
    boolean hasEntries;
    if (m instanceof Member.Names n) {
      list = n.list();
      hasEntries = !n.names().isEmpty();
    } else if (m instanceof Member.Relations r) {
      list = r.list();
      hasEntries = !r.entries().isEmpty();
    } else if (m instanceof Member.Attributes a) {
      list = a.list();
      hasEntries = !a.entries().isEmpty();
    } else {
      return false;
    }
    boolean multiline = text.substring(list.start(), list.end()).indexOf('\n') >= 0;
    boolean hasComments =
        comments.stream()
            .anyMatch(c -> c.span().start() > list.start() && c.span().start() < list.end());
    return multiline && (hasEntries || hasComments);
  }

  private void names(Member.Names m, boolean expanded) {
    List<String> entries = m.names().stream().map(ExprPrinter::quoted).toList();
    List<Span> spans = m.names().stream().map(Ident::span).toList();
    list(m.keyword() + " = [", entries, spans, "]", m.span(), expanded);
  }

  private void relations(Member.Relations m, boolean expanded) {
    List<String> entries = m.entries().stream().map(FormatPrinter::relation).toList();
    List<Span> spans = m.entries().stream().map(Member.RelationEntry::span).toList();
    list("relations = {", entries, spans, "}", m.span(), expanded);
  }

  private void attributes(Member.Attributes m, boolean expanded) {
    List<String> entries =
        m.entries().stream().map(e -> e.name().text() + ": " + e.type()).toList();
    List<Span> spans = m.entries().stream().map(Member.AttributeEntry::span).toList();
    list("attributes = {", entries, spans, "}", m.span(), expanded);
  }

  private static String relation(Member.RelationEntry e) {
    StringBuilder sb = new StringBuilder(e.name().text()).append(": ");
    for (int i = 0; i < e.subjects().size(); i++) {
      sb.append(i > 0 ? " | " : "").append(e.subjects().get(i));
    }
    return sb.toString();
  }

  private void list(
      String open,
      List<String> entries,
      List<Span> spans,
      String close,
      Span member,
      boolean expanded) {
    out.append(open);
    if (!expanded) {
      boolean braces = close.equals("}");
      String inner = String.join(", ", entries);
      out.append(entries.isEmpty() || !braces ? inner : " " + inner + " ").append(close);
      return;
    }
    String indent = INDENT + INDENT;
    lastEnd = member.start();
    out.append('\n');
    for (int i = 0; i < entries.size(); i++) {
      Span s = spans.get(i);
      while (nextComment < comments.size() && comments.get(nextComment).span().start() < s.end()) {
        out.append(indent).append(comments.get(nextComment++).text()).append('\n');
      }
      out.append(indent).append(entries.get(i)).append(',');
      lastEnd = s.end();
      trailing(s.end());
    }
    while (nextComment < comments.size()
        && comments.get(nextComment).span().start() < member.end()) {
      out.append(indent).append(comments.get(nextComment++).text()).append('\n');
    }
    out.append(INDENT).append(close);
  }

  private static String condition(Declaration.Condition c) {
    StringBuilder sb = new StringBuilder("condition ").append(c.name().text()).append('(');
    for (int i = 0; i < c.params().size(); i++) {
      Declaration.Param p = c.params().get(i);
      sb.append(i > 0 ? ", " : "").append(p.name().text()).append(": ").append(p.type());
    }
    String body = c.body().raw();
    if (body.isEmpty()) {
      return sb.append(") { }").toString();
    }
    // A body ending in an unterminated CEL string runs to the end of its line: close it below.
    boolean open = CelScanner.endsInOpenString(body);
    return sb.append(") { ").append(body).append(open ? "\n}" : " }").toString();
  }
}
