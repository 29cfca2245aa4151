package dev.warden.lang;

import java.util.List;

/** Prints a parse result as indented text with positions, for golden files. */
final class AstDump {

  private final StringBuilder sb = new StringBuilder();

  private AstDump() {}

  static String dump(SourceFile source) {
    Parser.Result r = Parser.parse(source);
    AstDump d = new AstDump();
    for (Declaration decl : r.tree().declarations()) {
      d.declaration(decl);
    }
    d.line(0, "complete: " + r.tree().complete());
    for (Comment c : r.tree().comments()) {
      d.line(0, "comment " + c.span() + " " + c.text());
    }
    for (String diagnostic : DiagnosticRenderer.renderAll(source, r.diagnostics())) {
      d.sb.append(diagnostic).append('\n');
    }
    return d.sb.toString();
  }

  private void declaration(Declaration decl) {
    if (decl instanceof Declaration.Type t) {
      String incomplete = t.complete() ? "" : " (incomplete)";
      String unclosed = t.close() == null ? " (unclosed)" : "";
      line(0, t.kind().keyword() + " " + ident(t.name()) + incomplete + unclosed);
      t.members().forEach(this::member);
    } else if (decl instanceof Declaration.Condition c) {
      line(0, "condition " + ident(c.name()));
      for (Declaration.Param p : c.params()) {
        line(1, "param " + ident(p.name()) + ": " + p.type() + " @" + p.type().span());
      }
      line(1, "body " + cel(c.body()));
    }
  }

  private void member(Member m) {
    if (m instanceof Member.Names n) {
      line(1, n.keyword() + " @" + n.span() + " " + idents(n.names()));
    } else if (m instanceof Member.Relations r) {
      line(1, "relations @" + r.span());
      for (Member.RelationEntry e : r.entries()) {
        line(
            2,
            ident(e.name()) + ": " + e.subjects().stream().map(s -> s + " @" + s.span()).toList());
      }
    } else if (m instanceof Member.Attributes a) {
      line(1, "attributes @" + a.span());
      for (Member.AttributeEntry e : a.entries()) {
        line(2, ident(e.name()) + ": " + e.type());
      }
    } else if (m instanceof Member.Rule rule) {
      line(1, "rule \"" + ident(rule.head()) + "\"");
      expr(2, rule.body());
    }
  }

  private void expr(int depth, Expr e) {
    if (e instanceof Expr.Ref ref) {
      line(depth, "ref \"" + ident(ref.relation()) + "\"");
    } else if (e instanceof Expr.This t) {
      line(depth, "this @" + t.span());
    } else if (e instanceof Expr.On on) {
      line(
          depth,
          (on.all() ? "on all \"" : "on \"")
              + ident(on.relation())
              + "\" \""
              + ident(on.tupleset())
              + "\"");
    } else if (e instanceof Expr.Cel c) {
      line(depth, "cel " + cel(c));
    } else if (e instanceof Expr.Not not) {
      line(depth, "not @" + not.span());
      expr(depth + 1, not.operand());
    } else if (e instanceof Expr.Group g) {
      line(depth, "group @" + g.span());
      expr(depth + 1, g.inner());
    } else if (e instanceof Expr.And and) {
      line(depth, "and @" + and.span());
      and.operands().forEach(o -> expr(depth + 1, o));
    } else if (e instanceof Expr.Or or) {
      line(depth, "or @" + or.span());
      or.operands().forEach(o -> expr(depth + 1, o));
    }
  }

  private static String cel(Expr.Cel c) {
    return "`" + c.raw().replace("\n", "\\n") + "` @" + c.span();
  }

  private static String ident(Ident i) {
    return i.text() + "@" + i.span();
  }

  private static String idents(List<Ident> names) {
    return names.stream().map(AstDump::ident).toList().toString();
  }

  private void line(int depth, String text) {
    sb.append("  ".repeat(depth)).append(text).append('\n');
  }
}
