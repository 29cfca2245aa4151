package dev.warden.cli.demo;

import dev.warden.api.EntityRef;
import dev.warden.api.WardenException;
import dev.warden.identity.Identity;
import dev.warden.identity.JwtVerifier;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Who asks: a plain {@code --user}, or a verified {@code --token}. */
final class IdentityOptions {

  @Option(names = "--user", description = "The user id (trusted as given; for demos).")
  String user;

  @Option(names = "--token", description = "A bearer JWT naming the user (verified).")
  String token;

  @Option(names = "--secret", description = "HMAC secret that verifies --token (HS256).")
  String secret;

  @Option(names = "--jwks", description = "JWKS file that verifies --token (RS/PS/ES).")
  Path jwks;

  @Option(names = "--issuer", description = "Required token issuer.")
  String issuer;

  @Option(names = "--audience", description = "Required token audience.")
  String audience;

  /** The caller; throws when neither or both of --user and --token are given. */
  Identity identity() {
    if ((user == null) == (token == null)) {
      throw WardenException.invalid("give exactly one of --user and --token");
    }
    if (user != null) {
      return new Identity(EntityRef.of("User", user), Map.of());
    }
    JwtVerifier.Builder b = JwtVerifier.builder().issuer(issuer).audience(audience);
    if (secret != null) {
      b.hmacSecret(secret);
    }
    if (jwks != null) {
      b.jwksFile(jwks);
    }
    return b.build().verify(token);
  }
}
