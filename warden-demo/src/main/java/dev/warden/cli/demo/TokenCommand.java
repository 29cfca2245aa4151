package dev.warden.cli.demo;

import dev.warden.api.WardenException;
import dev.warden.identity.DevTokens;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden demo token}: mints a development HS256 token for the demos. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description =
        "Prints an HS256 JWT for a user, signed with --secret, for trying the demos' --token"
            + " option. For development only: real tokens come from an identity provider.")
final class TokenCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--user", required = true, description = "The subject (user id).")
  String user;

  @Option(names = "--secret", required = true, description = "HMAC secret, at least 32 bytes.")
  String secret;

  @Option(names = "--ttl", description = "Lifetime as an ISO-8601 duration (default: PT1H).")
  String ttl = "PT1H";

  @Option(names = "--issuer", description = "The iss claim.")
  String issuer;

  @Option(names = "--audience", description = "The aud claim.")
  String audience;

  @Option(names = "--claim", description = "An extra string claim, name=value (repeatable).")
  Map<String, String> claims = new LinkedHashMap<>();

  @Override
  public Integer call() {
    Duration lifetime;
    try {
      lifetime = Duration.parse(ttl);
    } catch (DateTimeParseException e) {
      throw WardenException.invalid("--ttl `" + ttl + "` is not an ISO-8601 duration like PT1H");
    }
    if (secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
      throw WardenException.invalid("--secret must be at least 32 bytes (256 bits) for HS256");
    }
    spec.commandLine()
        .getOut()
        .println(
            DevTokens.mint(
                user,
                secret,
                lifetime,
                issuer,
                audience,
                new LinkedHashMap<String, Object>(claims)));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
