package dev.warden.importer.spicedb;

import dev.warden.importer.ImportDiagnostic;
import dev.warden.importer.spicedb.SdbModel.Allowed;
import dev.warden.importer.spicedb.SdbModel.Arrow;
import dev.warden.importer.spicedb.SdbModel.Binary;
import dev.warden.importer.spicedb.SdbModel.Caveat;
import dev.warden.importer.spicedb.SdbModel.Definition;
import dev.warden.importer.spicedb.SdbModel.Expr;
import dev.warden.importer.spicedb.SdbModel.Nil;
import dev.warden.importer.spicedb.SdbModel.Param;
import dev.warden.importer.spicedb.SdbModel.Permission;
import dev.warden.importer.spicedb.SdbModel.Ref;
import dev.warden.importer.spicedb.SdbModel.Relation;
import dev.warden.importer.spicedb.SdbModel.Schema;
import dev.warden.lang.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for the SpiceDB schema language. It stops at the first syntax error
 * ({@code SDB1xx}); refusing what parses but cannot be imported is the importer's business.
 * Operator precedence is SpiceDB's: {@code -} binds loosest, then {@code &}, then {@code +}, each
 * left-associative.
 */
final class SdbParser {

  /** A syntax error, carried out of the descent. */
  static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ImportDiagnostic diagnostic;

    SyntaxError(ImportDiagnostic diagnostic) {
      super(diagnostic.message(), null, false, false);
      this.diagnostic = diagnostic;
    }

    ImportDiagnostic diagnostic() {
      return diagnostic;
    }
  }

  private final String text;
  private int pos;
  private boolean useExpiration;

  private SdbParser(String text) {
    this.text = text;
  }

  /** The schema, or null with the syntax error added to {@code out}. */
  static Schema parse(String text, List<ImportDiagnostic> out) {
    try {
      return new SdbParser(text).schema();
    } catch (SyntaxError e) {
      out.add(e.diagnostic());
      return null;
    }
  }

  private Schema schema() {
    List<Definition> defs = new ArrayList<>();
    List<Caveat> caveats = new ArrayList<>();
    skip();
    while (pos < text.length()) {
      int start = pos;
      String word = word();
      switch (word) {
        case "definition" -> defs.add(definition());
        case "caveat" -> caveats.add(caveat(start));
        case "use" -> {
          if (!defs.isEmpty() || !caveats.isEmpty()) {
            throw error(
                "SDB101",
                start,
                3,
                "`use` must come before every definition and caveat",
                "move it to the top of the schema");
          }
          int at = here();
          String feature = word();
          if (!feature.equals("expiration")) {
            throw error(
                "SDB102",
                at,
                feature.length(),
                "unknown feature `" + feature + "`",
                "the only feature is `use expiration`");
          }
          useExpiration = true;
        }
        default ->
            throw error(
                "SDB101",
                start,
                Math.max(1, word.length()),
                "expected `definition`, `caveat` or `use`, found " + shown(word),
                "`import` and `partial` are not supported; inline the referenced schema");
      }
      skip();
    }
    return new Schema(defs, caveats);
  }

  private Definition definition() {
    int nameAt = here();
    String name = typeName();
    expect('{');
    List<Relation> relations = new ArrayList<>();
    List<Permission> perms = new ArrayList<>();
    while (!peek('}')) {
      int at = here();
      String word = word();
      if (word.equals("relation")) {
        int n = here();
        String rel = word();
        expect(':');
        List<Allowed> allowed = new ArrayList<>();
        do {
          allowed.add(allowed());
        } while (accept('|'));
        relations.add(new Relation(rel, span(n, n + rel.length()), allowed));
      } else if (word.equals("permission")) {
        int n = here();
        String perm = word();
        expect('=');
        perms.add(new Permission(perm, span(n, n + perm.length()), union()));
      } else {
        throw error(
            "SDB101",
            at,
            Math.max(1, word.length()),
            "expected `relation`, `permission` or `}`, found " + shown(word),
            null);
      }
    }
    expect('}');
    return new Definition(name, span(nameAt, nameAt + name.length()), relations, perms);
  }

  private Allowed allowed() {
    int start = here();
    String type = typeName();
    String relation = null;
    boolean wildcard = false;
    if (accept(':')) {
      expect('*');
      wildcard = true;
    } else if (accept('#')) {
      relation = peekText("...") ? ellipsis() : word();
    }
    int end = pos;
    skip();
    String caveat = null;
    boolean expiration = false;
    Span with = null;
    if (peekWord("with")) {
      int w = pos;
      word();
      String what = word();
      if (what.equals("expiration")) {
        expiration = true;
      } else {
        caveat = what + rest();
        if (peekWord("and")) {
          word();
          int e = here();
          if (!word().equals("expiration")) {
            throw error("SDB101", e, 1, "expected `expiration` after `and`", null);
          }
          expiration = true;
        }
      }
      with = span(w, pos);
    }
    return new Allowed(type, relation, wildcard, caveat, expiration, span(start, end), with);
  }

  /** The rest of a namespaced name after its first segment ({@code /b/c}), or "". */
  private String rest() {
    StringBuilder sb = new StringBuilder();
    while (pos < text.length() && text.charAt(pos) == '/') {
      pos++;
      sb.append('/').append(word());
    }
    return sb.toString();
  }

  private String ellipsis() {
    pos += 3;
    return null;
  }

  private Expr union() {
    Expr left = intersection();
    while (accept('-')) {
      Expr right = intersection();
      left = new Binary('-', left, right, cover(left, right));
    }
    return left;
  }

  private Expr intersection() {
    Expr left = plus();
    while (accept('&')) {
      Expr right = plus();
      left = new Binary('&', left, right, cover(left, right));
    }
    return left;
  }

  private Expr plus() {
    Expr left = arrow();
    while (accept('+')) {
      Expr right = arrow();
      left = new Binary('+', left, right, cover(left, right));
    }
    return left;
  }

  private Expr arrow() {
    skip();
    int start = pos;
    if (accept('(')) {
      Expr inner = union();
      expect(')');
      return inner;
    }
    String name = word();
    if (name.equals("nil")) {
      return new Nil(span(start, pos));
    }
    Expr e = arrowStep(name, start);
    while (e instanceof Arrow || e instanceof SdbModel.Chain) {
      skip();
      if (!text.startsWith("->", pos) && !(pos < text.length() && text.charAt(pos) == '.')) {
        return e;
      }
      arrowStep(name, start);
      e = new SdbModel.Chain(span(start, pos));
    }
    return e;
  }

  /** One {@code ->x}, {@code .any(x)} or {@code .all(x)} after {@code name}, or the bare name. */
  private Expr arrowStep(String name, int start) {
    skip();
    if (text.startsWith("->", pos)) {
      pos += 2;
      String computed = word();
      return new Arrow(name, computed, false, span(start, pos));
    }
    if (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      int f = here();
      String fn = word();
      if (!fn.equals("any") && !fn.equals("all")) {
        throw error("SDB101", f, fn.length(), "expected `any` or `all`, found " + shown(fn), null);
      }
      expect('(');
      String computed = word();
      expect(')');
      return new Arrow(name, computed, fn.equals("all"), span(start, pos));
    }
    return new Ref(name, span(start, start + name.length()));
  }

  private Caveat caveat(int start) {
    int nameAt = here();
    String name = typeName();
    if (name.equals("expiration") && useExpiration) {
      throw error(
          "SDB101",
          nameAt,
          name.length(),
          "`expiration` is a keyword after `use expiration`, not a caveat name",
          "rename the caveat");
    }
    expect('(');
    List<Param> params = new ArrayList<>();
    if (!peek(')')) {
      do {
        String pname = word();
        int t = here();
        params.add(new Param(pname, paramType(), span(t, pos)));
      } while (accept(','));
    }
    expect(')');
    expect('{');
    int bodyStart = pos;
    int depth = 1;
    while (depth > 0) {
      if (pos >= text.length()) {
        throw error("SDB103", start, 6, "caveat `" + name + "` has no closing `}`", null);
      }
      char c = text.charAt(pos);
      if (c == '"' || c == '\'') {
        int close = text.indexOf(c, pos + 1);
        pos = close < 0 ? text.length() : close;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      }
      pos++;
    }
    String cel = text.substring(bodyStart, pos - 1).strip();
    if (cel.isEmpty()) {
      throw error("SDB101", bodyStart, 1, "caveat `" + name + "` has an empty expression", null);
    }
    return new Caveat(name, span(nameAt, nameAt + name.length()), params, cel);
  }

  private String paramType() {
    StringBuilder sb = new StringBuilder(word());
    if (accept('<')) {
      sb.append('<').append(paramType());
      expect('>');
      sb.append('>');
    }
    return sb.toString();
  }

  /** A possibly namespaced name, {@code org/doc}. */
  private String typeName() {
    StringBuilder sb = new StringBuilder(word());
    while (pos < text.length() && text.charAt(pos) == '/') {
      pos++;
      sb.append('/').append(word());
    }
    return sb.toString();
  }

  private String word() {
    skip();
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    if (pos == start) {
      throw error(
          "SDB101",
          start,
          1,
          "expected a name, found "
              + (pos < text.length() ? "`" + text.charAt(pos) + "`" : "end of file"),
          null);
    }
    return text.substring(start, pos);
  }

  /** The position of the next token. */
  private int here() {
    skip();
    return pos;
  }

  private boolean peekWord(String w) {
    skip();
    return text.startsWith(w, pos)
        && (pos + w.length() >= text.length()
            || !Character.isLetterOrDigit(text.charAt(pos + w.length())));
  }

  private boolean peekText(String s) {
    skip();
    return text.startsWith(s, pos);
  }

  private boolean peek(char c) {
    skip();
    if (pos >= text.length()) {
      throw error("SDB101", pos, 1, "unexpected end of file", "a `}` may be missing");
    }
    return text.charAt(pos) == c;
  }

  private boolean accept(char c) {
    skip();
    // `->` is an arrow, never a minus.
    if (pos < text.length() && text.charAt(pos) == c && !(c == '-' && text.startsWith("->", pos))) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!accept(c)) {
      String found = pos < text.length() ? "`" + text.charAt(pos) + "`" : "end of file";
      throw error("SDB101", pos, 1, "expected `" + c + "`, found " + found, null);
    }
  }

  /** Skips blanks and comments; an unterminated block comment is an error. */
  private void skip() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (text.startsWith("//", pos)) {
        int nl = text.indexOf('\n', pos);
        pos = nl < 0 ? text.length() : nl;
      } else if (text.startsWith("/*", pos)) {
        int close = text.indexOf("*/", pos + 2);
        if (close < 0) {
          throw error("SDB103", pos, 2, "comment is never closed", "add `*/`");
        }
        pos = close + 2;
      } else {
        return;
      }
    }
  }

  private static String shown(String word) {
    return word.isEmpty() ? "nothing" : "`" + word + "`";
  }

  private static Span cover(Expr a, Expr b) {
    return new Span(a.span().start(), b.span().end(), a.span().line(), a.span().column());
  }

  private Span span(int start, int end) {
    int line = 1;
    int lastNl = -1;
    for (int i = 0; i < start && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lastNl = i;
      }
    }
    return new Span(start, end, line, start - lastNl);
  }

  private SyntaxError error(String code, int at, int length, String message, String hint) {
    return new SyntaxError(new ImportDiagnostic(code, message, span(at, at + length), hint));
  }
}
