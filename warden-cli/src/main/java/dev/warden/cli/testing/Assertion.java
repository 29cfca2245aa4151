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
   */
  record LookupSubjects(Location at, LookupSubjectsRequest request, List<String> expected)
      implements Assertion {
    public LookupSubjects {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(request, "request");
      expected = List.copyOf(expected);
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
}
