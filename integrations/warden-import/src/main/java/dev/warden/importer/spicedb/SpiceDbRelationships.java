package dev.warden.importer.spicedb;

import dev.warden.api.Grant;
import dev.warden.importer.ImportDiagnostic;
import dev.warden.importer.TypeNames;
import dev.warden.lang.SourceFile;
import dev.warden.lang.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * SpiceDB relationship lines ({@code document:d#viewer@user:tom[some_caveat:{"x":1}]}, one a line,
 * blank lines and {@code //} comments ignored) as Warden grants. All or nothing: one bad line and
 * there are no grants.
 */
public final class SpiceDbRelationships {

  /**
   * What was read.
   *
   * @param grants every grant, in line order; empty when there is any diagnostic
   * @param diagnostics one per bad line
   */
  public record Result(List<Grant> grants, List<ImportDiagnostic> diagnostics) {
    public Result {
      grants = List.copyOf(grants);
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
      return diagnostics.isEmpty();
    }
  }

  private SpiceDbRelationships() {}

  /** Every relationship of {@code source}, or the reasons for refusing them. */
  public static Result parse(SourceFile source) {
    List<Grant> grants = new ArrayList<>();
    List<ImportDiagnostic> diagnostics = new ArrayList<>();
    String text = source.text();
    int start = 0;
    int number = 1;
    while (start <= text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      String raw = text.substring(start, end);
      int indent = 0;
      while (indent < raw.length() && Character.isWhitespace(raw.charAt(indent))) {
        indent++;
      }
      String line = raw.strip();
      if (!line.isEmpty() && !line.startsWith("//")) {
        try {
          grants.add(new LineReader(line, start + indent, number, indent + 1).grant());
        } catch (LineError e) {
          diagnostics.add(e.diagnostic);
        }
      }
      if (nl < 0) {
        break;
      }
      start = nl + 1;
      number++;
    }
    return new Result(diagnostics.isEmpty() ? grants : List.of(), diagnostics);
  }

  private static final class LineError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ImportDiagnostic diagnostic;

    LineError(ImportDiagnostic diagnostic) {
      super(diagnostic.message(), null, false, false);
      this.diagnostic = diagnostic;
    }
  }

  /** One non-blank line; {@code offset}, {@code number}, {@code column} locate its start. */
  private record LineReader(String line, int offset, int number, int column) {

    Grant grant() {
      int bracket = line.indexOf('[');
      String head = bracket < 0 ? line : line.substring(0, bracket);
      String condition = "";
      int at = bracket;
      while (at >= 0 && at < line.length()) {
        int close = closing(at);
        String inner = line.substring(at + 1, close);
        if (inner.startsWith("expiration:")) {
          throw error(
              "SDB210",
              at,
              close - at + 1,
              "expiring relationships are not imported",
              "Warden grants do not expire; drop the `[expiration:...]` part or model the"
                  + " deadline as a condition");
        }
        if (!condition.isEmpty()) {
          throw error("SDB110", at, close - at + 1, "a relationship has at most one caveat", null);
        }
        int colon = inner.indexOf(':');
        String name = colon < 0 ? inner : inner.substring(0, colon);
        condition = " [" + name + (colon < 0 ? "" : " " + inner.substring(colon + 1)) + "]";
        at = close + 1;
        if (at < line.length() && line.charAt(at) != '[') {
          throw error("SDB110", at, line.length() - at, "unexpected text after `]`", null);
        }
      }
      String warden = head(head) + condition;
      try {
        return Grant.parse(warden);
      } catch (RuntimeException e) {
        throw error(
            "SDB110",
            0,
            line.length(),
            "not a relationship: " + e.getMessage(),
            "write `resource:id#relation@subject:id[#relation][caveat:{json}]`");
      }
    }

    /** {@code res:id#rel@subj:id#rel} in Warden's spelling; {@code #...} means no relation. */
    private String head(String head) {
      int atSign = head.indexOf('@');
      if (atSign < 0) {
        throw error(
            "SDB110",
            0,
            head.length(),
            "relationship has no `@` before its subject",
            "write `resource:id#relation@subject:id`");
      }
      String left = head.substring(0, atSign);
      String right = head.substring(atSign + 1);
      if (right.endsWith("#...")) {
        right = right.substring(0, right.length() - 4);
      }
      return type(left, 0) + "@" + type(right, atSign + 1);
    }

    /** {@code type:rest} with the type capitalised. */
    private String type(String part, int index) {
      int colon = part.indexOf(':');
      if (colon <= 0) {
        throw error(
            "SDB110",
            index,
            Math.max(1, part.length()),
            "expected `type:id`, found `" + part + "`",
            null);
      }
      String type = part.substring(0, colon);
      if (!TypeNames.importableType(type)) {
        throw error(
            "SDB203",
            index,
            colon,
            "type name `" + type + "` has no Warden spelling",
            "Warden type names are `[a-z][A-Za-z0-9_]*` here (capitalised on import)");
      }
      return TypeNames.toWarden(type) + part.substring(colon);
    }

    /** The index of the {@code ]} that closes the {@code [} at {@code open}, past JSON strings. */
    private int closing(int open) {
      int depth = 0;
      boolean inString = false;
      for (int i = open; i < line.length(); i++) {
        char c = line.charAt(i);
        if (inString) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            inString = false;
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == '[' || c == '{') {
          depth++;
        } else if ((c == ']' || c == '}') && --depth == 0) {
          return i;
        }
      }
      throw error("SDB110", open, line.length() - open, "`[` is never closed", "add `]`");
    }

    private LineError error(String code, int index, int length, String message, String hint) {
      Span span = new Span(offset + index, offset + index + length, number, column + index);
      return new LineError(new ImportDiagnostic(code, message, span, hint));
    }
  }
}
