package dev.warden.cli.testing;

import dev.warden.cli.io.DataRecord;
import java.util.Objects;

/**
 * A grant or an entity's attributes a test suite loads before its assertions, with where it was
 * written: a grant the policy refuses is reported at its line.
 */
public record Fixture(Location at, DataRecord record) {

  public Fixture {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(record, "record");
  }
}
