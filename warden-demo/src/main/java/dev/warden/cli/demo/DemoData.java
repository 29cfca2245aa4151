package dev.warden.cli.demo;

import dev.warden.Warden;
import dev.warden.api.Mutation;
import dev.warden.api.WriteBatch;
import dev.warden.cli.io.DataFileReader;
import dev.warden.cli.io.DataRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads a demo's policy and data file into an embedded Warden. */
final class DemoData {

  private DemoData() {}

  static Warden warden(Path policy, Path data) {
    Warden w = Warden.builder().policy(policy).build();
    List<Mutation> mutations = new ArrayList<>();
    DataFileReader.read(
        data,
        r -> {
          if (r instanceof DataRecord.GrantRecord g) {
            mutations.add(new Mutation.Touch(g.grant()));
          } else if (r instanceof DataRecord.AttributesRecord a) {
            mutations.add(new Mutation.SetAttributes(a.entity(), a.attributes()));
          }
        });
    w.write(new WriteBatch(mutations, List.of()));
    return w;
  }
}
