package dev.warden.cli.testing;

import dev.warden.api.CheckRequest;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupSubjectsRequest;
import java.util.List;
import java.util.Objects;

/**
 * One expectation of a test: a decision, or the exact set of ids a lookup answers. Readers of other
 * formats (OpenFGA, SpiceDB) produce these same assertions.
 */
public sealed interface Assertion {

  /** Where the assertion was written. */
  Location at();

  /** The assertion in one line, as failures name it. */
  String describe();

  /** The check of {@code request} decides {@code allowed}. */
  record Check(Location at, CheckRequest request, boolean allowed) implements Assertion {
    public Check {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(request, "request");
    }

    @Override
    public String describe() {
      return "check " + request + " is " + (allowed ? "allowed" : "denied");
    }
  }

  /** Every page of the lookup together lists exactly the ids {@code expected}, in any order. */
  record LookupResources(Location at, LookupResourcesRequest request, List<String> expected)
      implements Assertion {
    public LookupResources {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(request, "request");
      expected = List.copyOf(expected);
    }

    @Override
    public String describe() {
      return "lookup_resources "
          + request.actor()
          + " "
          + request.action()
          + " "
          + request.resourceType();
    }
  }

  /**
   * The lookup lists exactly the subject ids {@code expected}, in any order; {@code *} stands for
   * "any subject", when a wildcard grant or an actor-independent rule allows unknown subjects.
   *
   * @param wildcardCovers true when a subject reached only through wildcard grants is not listed by
   *     itself, being covered by {@code *} (how OpenFGA and SpiceDB list subjects); false lists
   *     every known subject (Warden's own files)
   */
  record LookupSubjects(
      Location at, LookupSubjectsRequest request, List<String> expected, boolean wildcardCovers)
      implements Assertion {
    public LookupSubjects {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(request, "request");
      expected = List.copyOf(expected);
    }

    public LookupSubjects(Location at, LookupSubjectsRequest request, List<String> expected) {
      this(at, request, expected, false);
    }

    @Override
    public String describe() {
      String resource =
          request.typeLevel()
              ? request.resourceType()
              : request.resourceType() + ":" + request.resourceId();
      return "lookup_subjects " + resource + " " + request.action() + " " + request.subjectType();
    }
  }

  /**
   * The check of {@code request} is conditional: denied for want of request context that could
   * allow it (SpiceDB's {@code assertCaveated}). It holds when the check is denied and its
   * explanation names a missing parameter.
   */
  record Conditional(Location at, CheckRequest request) implements Assertion {
    public Conditional {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(request, "request");
    }

    @Override
    public String describe() {
      return "check " + request + " is conditional";
    }
  }

  /**
   * An assertion of another tool's file that Warden cannot ask yet (a userset as the actor, a
   * userset filter, a caveated expectation). It always fails with {@code reason}: counting it as
   * passed, or leaving it out, would report more confidence than the run gives.
   *
   * @param description the assertion as written
   * @param reason why Warden cannot ask it
   */
  record Unsupported(Location at, String description, String reason) implements Assertion {
    public Unsupported {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String describe() {
      return description;
    }
  }
}
