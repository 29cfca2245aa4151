package dev.warden.cli.demo;

import dev.warden.Warden;
import dev.warden.identity.JwtVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden demo webapp}: the quickstart repository app over HTTP. */
@Command(
    name = "webapp",
    mixinStandardHelpOptions = true,
    description = {
      "Serves GET /repo/{name}: 200 when the current user may read Repository:<name>, 404"
          + " otherwise (a repository you may not read looks like one that does not exist).",
      "With --secret or --jwks only a verified bearer token names the user and X-User is"
          + " ignored; without them the user comes from the X-User header (for trying it with"
          + " curl)."
    })
final class WebAppCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--port", description = "Port to listen on (default: 8080; 0 picks one).")
  int port = 8080;

  @Option(names = "--host", description = "Address to bind (default: 127.0.0.1).")
  String host = "127.0.0.1";

  @Option(names = "--policy", description = "Policy file (default: the bundled quickstart).")
  Path policy;

  @Option(names = "--data", description = "Grants file (default: the bundled quickstart).")
  Path data;

  @Option(names = "--secret", description = "HMAC secret that verifies bearer tokens.")
  String secret;

  @Option(names = "--jwks", description = "JWKS file that verifies bearer tokens.")
  Path jwks;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path dir = DemoFiles.resolve(null, "quickstart", List.of("policy.warden", "grants.yaml"));
    Path p = policy != null ? policy : dir.resolve("policy.warden");
    Path d = data != null ? data : dir.resolve("grants.yaml");
    JwtVerifier verifier = null;
    if (secret != null || jwks != null) {
      JwtVerifier.Builder b = JwtVerifier.builder();
      if (secret != null) {
        b.hmacSecret(secret);
      }
      if (jwks != null) {
        b.jwksFile(jwks);
      }
      verifier = b.build();
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (Warden warden = DemoData.warden(p, d);
        RepoWebApp app = new RepoWebApp(warden, verifier, host, port)) {
      app.start();
      PrintWriter out = spec.commandLine().getOut();
      out.println("Serving the quickstart repository app on http://" + host + ":" + app.port());
      String who =
          verifier == null
              ? "-H 'X-User: larry'"
              : "-H 'Authorization: Bearer <jwt>'  (X-User is ignored; `warden demo token` mints one)";
      out.println("Try: curl -i http://" + host + ":" + app.port() + "/repo/gmail " + who);
      out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      stopped.await();
    }
    return 0;
  }
}
