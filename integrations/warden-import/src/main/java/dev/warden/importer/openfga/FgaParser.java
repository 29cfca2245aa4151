package dev.warden.importer.openfga;

import dev.warden.importer.ImportDiagnostic;
import dev.warden.importer.openfga.FgaModel.And;
import dev.warden.importer.openfga.FgaModel.ButNot;
import dev.warden.importer.openfga.FgaModel.Direct;
import dev.warden.importer.openfga.FgaModel.Expr;
import dev.warden.importer.openfga.FgaModel.From;
import dev.warden.importer.openfga.FgaModel.Or;
import dev.warden.importer.openfga.FgaModel.Ref;
import dev.warden.importer.openfga.FgaModel.Relation;
import dev.warden.importer.openfga.FgaModel.Restriction;
import dev.warden.importer.openfga.FgaModel.TypeBlock;
import dev.warden.lang.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A line-oriented parser of the OpenFGA DSL (schema 1.1). The DSL is one statement per line ({@code
 * model}, {@code schema 1.1}, {@code type}, {@code relations}, {@code define}), so a syntax error
 * costs its line and parsing goes on with the next one.
 */
final class FgaParser {

  private static final Pattern WORDS = Pattern.compile("\\s+");

  private final String text;
  private final List<ImportDiagnostic> diagnostics;
  private final List<TypeBlock> types = new ArrayList<>();
  private final List<FgaModel.Condition> conditions = new ArrayList<>();

  /** Lines that start before this offset belong to a condition already read. */
  private int skipUntil;

  private String typeName;
  private Span typeSpan;
  private List<Relation> relations;
  private boolean inRelations;

  private FgaParser(String text, List<ImportDiagnostic> diagnostics) {
    this.text = text;
    this.diagnostics = diagnostics;
  }

  /** The types and conditions of {@code text}; every problem goes to {@code diagnostics}. */
  static FgaModel.Model parse(String text, List<ImportDiagnostic> diagnostics) {
    FgaParser p = new FgaParser(text, diagnostics);
    p.run();
    return new FgaModel.Model(p.types, p.conditions);
  }

  private void run() {
    List<Line> lines = Line.split(text);
    int stage = 0; // 0: expect model, 1: expect schema, 2: body
    for (Line line : lines) {
      if (line.content().isEmpty() || line.offset() < skipUntil) {
        continue;
      }
      try {
        if (stage == 0) {
          header(line);
          stage = 1;
        } else if (stage == 1) {
          schema(line);
          stage = 2;
        } else {
          statement(line);
        }
      } catch (SyntaxError e) {
        diagnostics.add(e.diagnostic);
        if (stage < 2) {
          return;
        }
        if (line.firstWord().equals("condition")) {
          return; // where a broken condition ends is anyone's guess: stop here
        }
      }
    }
    if (stage < 2) {
      Span end = Line.endSpan(text);
      diagnostics.add(
          new ImportDiagnostic(
              "FGA101",
              stage == 0 ? "expected `model`" : "expected `schema 1.1`",
              end,
              "an OpenFGA model starts with `model` and then `schema 1.1`"));
    }
    closeType();
  }

  private void header(Line line) {
    String word = line.firstWord();
    if (word.equals("module")) {
      throw line.error("FGA204", 0, word.length(), "modules are not supported", MODULE_HINT);
    }
    if (!line.content().equals("model")) {
      throw line.error(
          "FGA101",
          0,
          word.length(),
          "expected `model`, found `" + word + "`",
          "an OpenFGA model starts with `model` and then `schema 1.1`");
    }
  }

  private static void schema(Line line) {
    String[] words = WORDS.split(line.content(), -1);
    if (words.length == 2 && words[0].equals("schema") && words[1].equals("1.1")) {
      return;
    }
    if (words.length == 2 && words[0].equals("schema")) {
      throw line.error(
          "FGA101",
          line.content().indexOf(words[1]),
          words[1].length(),
          "schema `" + words[1] + "` is not supported",
          "only `schema 1.1` models can be imported");
    }
    throw line.error(
        "FGA101", 0, line.firstWord().length(), "expected `schema 1.1`", "write `schema 1.1`");
  }

  /** One body statement. */
  private void statement(Line line) {
    String word = line.firstWord();
    switch (word) {
      case "type" -> type(line);
      case "relations" -> {
        if (typeName == null || inRelations || !line.content().equals("relations")) {
          throw line.error("FGA101", 0, word.length(), "unexpected `relations`", null);
        }
        inRelations = true;
      }
      case "define" -> define(line);
      case "condition" -> {
        closeType();
        FgaModel.Condition c = FgaConditionReader.read(text, line.offset());
        conditions.add(c);
        skipUntil = c.end();
      }
      case "extend", "module" ->
          throw line.error("FGA204", 0, word.length(), "modules are not supported", MODULE_HINT);
      default ->
          throw line.error(
              "FGA101",
              0,
              word.length(),
              "unexpected `" + word + "`",
              "expected `type`, `relations`, `define` or `condition`");
    }
  }

  private void type(Line line) {
    closeType();
    String[] words = WORDS.split(line.content(), -1);
    if (words.length != 2) {
      throw line.error("FGA101", 0, line.content().length(), "expected `type <name>`", null);
    }
    typeName = words[1];
    typeSpan = line.span(line.content().indexOf(words[1], 4), words[1].length());
    relations = new ArrayList<>();
  }

  private void closeType() {
    if (typeName != null) {
      types.add(new TypeBlock(typeName, typeSpan, relations));
    }
    typeName = null;
    relations = null;
    inRelations = false;
  }

  private void define(Line line) {
    if (!inRelations) {
      throw line.error(
          "FGA101", 0, 6, "`define` outside a `relations` block", "add `relations` under the type");
    }
    Tokens t = new Tokens(line);
    t.next(); // define
    Tokens.Tok name = t.expectName("a relation name");
    t.expect(":");
    Expr e = expr(t, true);
    t.expectEnd();
    relations.add(new Relation(name.text(), name.span(), e));
  }

  /** {@code top}: the definition itself, where a leading {@code [...]} may stand. */
  private static Expr expr(Tokens t, boolean top) {
    Expr first = term(t, top);
    List<Expr> children = new ArrayList<>(List.of(first));
    String op = null;
    while (t.peekIs("or") || t.peekIs("and")) {
      String o = t.next().text();
      if (op != null && !op.equals(o)) {
        throw t.errorAt(t.previous(), "mixed operators need parentheses");
      }
      op = o;
      children.add(term(t, false));
    }
    Expr result = first;
    if (op != null) {
      Span s = span(first.span(), children.get(children.size() - 1).span());
      result = op.equals("or") ? new Or(children, s) : new And(children, s);
    }
    if (t.peekIs("but")) {
      Tokens.Tok but = t.next();
      if (op != null) {
        throw t.errorAt(but, "mixed operators need parentheses");
      }
      t.expect("not");
      Expr excluded = term(t, false);
      result = new ButNot(result, excluded, span(result.span(), excluded.span()));
      if (t.peekIs("or") || t.peekIs("and") || t.peekIs("but")) {
        throw t.errorAt(t.next(), "mixed operators need parentheses");
      }
    }
    return result;
  }

  private static Expr term(Tokens t, boolean first) {
    if (t.peekIs("(")) {
      t.next();
      Expr inner = expr(t, first);
      t.expect(")");
      return inner;
    }
    if (t.peekIs("[")) {
      if (!first) {
        throw t.errorAt(t.next(), "a type restriction `[...]` must come first in a definition");
      }
      return direct(t);
    }
    Tokens.Tok name = t.expectName("a relation name, `[` or `(`");
    if (t.peekIs("from")) {
      t.next();
      Tokens.Tok tupleset = t.expectName("the tupleset relation after `from`");
      return new From(name.text(), tupleset.text(), span(name.span(), tupleset.span()));
    }
    return new Ref(name.text(), name.span());
  }

  private static Direct direct(Tokens t) {
    Tokens.Tok open = t.next();
    List<Restriction> types = new ArrayList<>();
    do {
      types.add(restriction(t));
    } while (t.peekIs(",") && t.next() != null);
    Tokens.Tok close = t.expect("]");
    return new Direct(types, span(open.span(), close.span()));
  }

  private static Restriction restriction(Tokens t) {
    Tokens.Tok type = t.expectName("a type in the type restriction");
    String relation = null;
    boolean wildcard = false;
    Span end = type.span();
    if (t.peekIs("#")) {
      t.next();
      Tokens.Tok r = t.expectName("a relation after `#`");
      relation = r.text();
      end = r.span();
    } else if (t.peekIs(":")) {
      t.next();
      end = t.expect("*").span();
      wildcard = true;
    }
    String condition = null;
    Span with = null;
    if (t.peekIs("with")) {
      with = t.next().span();
      condition = t.expectName("a condition name after `with`").text();
    }
    return new Restriction(
        type.text(), relation, wildcard, condition, span(type.span(), end), with);
  }

  static Span span(Span from, Span to) {
    return new Span(from.start(), Math.max(from.start(), to.end()), from.line(), from.column());
  }

  private static final String MODULE_HINT =
      "combine the modules into one `model` file (`fga model write` prints it) and import that";

  /** A syntax error of one line, carried out of the recursive descent. */
  static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ImportDiagnostic diagnostic;

    SyntaxError(ImportDiagnostic diagnostic) {
      super(diagnostic.message(), null, false, false);
      this.diagnostic = diagnostic;
    }
  }
}
