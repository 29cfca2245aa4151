package dev.warden.lang;

import dev.warden.api.Suggestions;
import dev.warden.lang.Symbols.RelationSymbol;
import dev.warden.lang.Symbols.TypeSymbols;
import dev.warden.model.RelationDef;
import dev.warden.model.Rewrite;
import dev.warden.model.SubjectType;
import dev.warden.model.validate.Location;
import dev.warden.model.validate.PolicyValidator;
import dev.warden.model.validate.Problem;
import dev.warden.model.validate.ProblemCode;
import dev.warden.model.validate.Recovery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the model validator on the lowered policy and maps each problem's model location back to the
 * source span of the relation, subject or rule part it names, so that source users see the model's
 * checks as diagnostics like any other.
 *
 * <p>Unknown types and relations (P301, P302, P305) are the checker's: it also sees rule heads,
 * which the model cannot hold, and duplicate written subjects, which the model keeps once. The
 * model's reports of them are dropped here, as is any problem about a name the lexer rejected.
 */
final class ModelDiagnostics {

  private static final Set<ProblemCode> CHECKED_ON_THE_TREE =
      EnumSet.of(ProblemCode.P301, ProblemCode.P302, ProblemCode.P305);

  private final Lowering.Lowered lowered;
  private final Symbols symbols;

  /** Spans by location: the cycle finder orders its edges by them. */
  private final Map<Location, Span> spans = new HashMap<>();

  private ModelDiagnostics(Lowering.Lowered lowered, Symbols symbols) {
    this.lowered = lowered;
    this.symbols = symbols;
  }

  static List<Diagnostic> check(Lowering.Lowered lowered, Symbols symbols) {
    ModelDiagnostics m = new ModelDiagnostics(lowered, symbols);
    List<String> partial = new ArrayList<>();
    symbols.types.values().stream().filter(t -> !t.complete()).forEach(t -> partial.add(t.name()));
    Comparator<Location> order = Comparator.comparingInt(at -> m.span(at).start());
    Recovery recovery = new Recovery(Set.copyOf(partial), lowered.strays(), order);
    List<Diagnostic> out = new ArrayList<>();
    for (Problem p : PolicyValidator.validate(lowered.policy(), recovery)) {
      if (CHECKED_ON_THE_TREE.contains(p.code())
          || (p.unknown() != null && !Lexer.isValidName(p.unknown()))) {
        continue;
      }
      out.add(
          Diagnostic.error(
              DiagnosticCode.valueOf(p.code().name()), m.span(p.location()), p.message(), hint(p)));
    }
    return out;
  }

  private static String hint(Problem p) {
    String close = p.unknown() == null ? null : Suggestions.hint(p.unknown(), p.candidates());
    return close != null ? close : p.hint();
  }

  private Span span(Location at) {
    return spans.computeIfAbsent(at, this::find);
  }

  private Span find(Location at) {
    TypeSymbols t = symbols.types.get(at.type());
    if (at instanceof Location.Name) {
      return t.relations.get(at.relation()).name().span();
    } else if (at instanceof Location.Subject s) {
      RelationSymbol r = t.relations.get(s.relation());
      SubjectType wanted =
          lowered.policy().relation(s.type(), s.relation()).subjectTypes().get(s.index());
      for (Member.SubjectRef ref : r.subjects()) {
        if (Lowering.subject(ref).equals(wanted)) {
          return ref.span();
        }
      }
    } else if (at instanceof Location.Part part) {
      return find(part);
    }
    throw new IllegalStateException("no source for " + at);
  }

  private Span find(Location.Part at) {
    RelationDef r = lowered.policy().relation(at.type(), at.relation());
    Rewrite x =
        r != null ? r.rules().get(at.rule()).body() : lowered.strays().get(at.rule()).rule().body();
    for (int child : at.path()) {
      x = child(x, child);
    }
    Expr e = lowered.origins().get(x);
    return switch (at.focus()) {
      case WHOLE -> e.span();
      case TUPLESET -> ((Expr.On) e).tupleset().span();
      case COMPUTED -> ((Expr.On) e).relation().span();
    };
  }

  private static Rewrite child(Rewrite r, int i) {
    if (r instanceof Rewrite.Union u) {
      return u.children().get(i);
    } else if (r instanceof Rewrite.Intersection x) {
      return x.children().get(i);
    } else if (r instanceof Rewrite.Exclusion e) {
      return i == 0 ? e.base() : e.excluded();
    }
    throw new IllegalStateException("no child " + i + " in " + r);
  }
}
