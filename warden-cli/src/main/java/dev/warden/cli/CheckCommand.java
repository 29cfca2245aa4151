package dev.warden.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.Decision;
import dev.warden.api.EntityRef;
import dev.warden.api.Explanation;
import dev.warden.api.Mutation;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import dev.warden.cli.io.DataFileReader;
import dev.warden.cli.io.DataRecord;
import dev.warden.wire.WireJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden check}: one decision against a policy file and data files, in memory. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Decides whether ACTOR may do ACTION on RESOURCE under a policy, with grants and attributes"
          + " loaded from data files into memory.",
      "Exit status: 0 allowed, 1 denied, 2 invalid input."
    })
final class CheckCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = WireJson.mapper();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--policy", required = true, description = "The policy file (.warden).")
  Path policy;

  @Option(
      names = "--data",
      description = "Grants and attributes to load (YAML, JSON or JSONL; repeatable).")
  List<Path> data = new ArrayList<>();

  @Option(names = "--context", description = "Request context as a JSON object.")
  String context;

  @Option(names = "--tenant", description = "The tenant the resource belongs to.")
  String tenant;

  @Option(names = "--explain", description = "Print the tree of grants and rules that decided.")
  boolean explain;

  @Parameters(index = "0", paramLabel = "ACTOR", description = "Who acts, as Type:id.")
  String actor;

  @Parameters(index = "1", paramLabel = "ACTION", description = "A permission, role or relation.")
  String action;

  @Parameters(index = "2", paramLabel = "RESOURCE", description = "What is acted on, as Type:id.")
  String resource;

  @Override
  public Integer call() {
    try (Warden warden = Warden.builder().policy(policy).build()) {
      for (Path file : data) {
        warden.write(load(file));
      }
      CheckRequest request = request();
      var out = spec.commandLine().getOut();
      if (explain) {
        Explanation e = warden.explain(request);
        out.println(verdict(e.decision()));
        out.print(e.root().render());
        out.flush();
        return e.decision().allowed() ? 0 : 1;
      }
      Decision d = warden.check(request);
      out.println(verdict(d));
      out.flush();
      return d.allowed() ? 0 : 1;
    }
  }

  private static String verdict(Decision d) {
    return d.allowed() ? "allowed" : "denied";
  }

  private CheckRequest request() {
    CheckRequest.Builder b =
        CheckRequest.builder(EntityRef.parse(actor), action, EntityRef.parse(resource))
            .tenant(tenant);
    if (context != null) {
      b.context(parseContext(context));
    }
    return b.build();
  }

  private static Map<String, Object> parseContext(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (java.io.IOException e) {
      throw WardenException.invalid("--context is not a JSON object: " + e.getMessage());
    }
  }

  /** One batch with every record of a data file; the file is small enough for a check. */
  static WriteBatch load(Path file) {
    List<Mutation> mutations = new ArrayList<>();
    DataFileReader.read(
        file,
        r -> {
          if (r instanceof DataRecord.GrantRecord g) {
            mutations.add(new Mutation.Touch(g.grant()));
          } else if (r instanceof DataRecord.AttributesRecord a) {
            mutations.add(new Mutation.SetAttributes(a.entity(), a.attributes()));
          }
        });
    return new WriteBatch(mutations, List.of());
  }
}
