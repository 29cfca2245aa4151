package dev.warden.importer;

import dev.warden.lang.PolicyRenderer;
import dev.warden.lang.Span;
import dev.warden.model.Policy;
import dev.warden.model.validate.Location;
import dev.warden.model.validate.PolicyValidator;
import dev.warden.model.validate.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The checks every importer runs on the model it built: the model's own validator, then whether
 * Warden source can say it at all. One place, so both importers refuse the same models alike.
 */
public final class ModelCheck {
  private ModelCheck() {}

  /**
   * The validator's problems, placed by {@code where} in the imported file; when there are none, a
   * diagnostic with {@code unrenderable} as its code if no Warden source can express the model.
   */
  public static List<ImportDiagnostic> problems(
      Policy policy, Function<Location, Span> where, String unrenderable) {
    List<ImportDiagnostic> out = new ArrayList<>();
    for (Problem p : PolicyValidator.validate(policy)) {
      out.add(
          new ImportDiagnostic(p.code().name(), p.message(), where.apply(p.location()), p.hint()));
    }
    if (out.isEmpty()) {
      try {
        PolicyRenderer.render(policy);
      } catch (IllegalArgumentException e) {
        out.add(
            new ImportDiagnostic(
                unrenderable,
                "no Warden source can say this: " + e.getMessage(),
                new Span(0, 0, 1, 1),
                null));
      }
    }
    return out;
  }
}
