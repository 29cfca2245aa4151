package dev.warden.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies bearer JWTs and names the actor they speak for.
 *
 * <p>One key source is configured: an HMAC secret (HS256/384/512 only) or a JWKS file or URL (RS,
 * PS and ES algorithms only). Tying the accepted algorithms to the kind of key is what defeats
 * algorithm confusion: a token signed with HS256 using an RSA public key as the secret is refused
 * because HS algorithms are not accepted when the key source is a JWKS, and unsecured {@code alg:
 * none} tokens are never accepted. {@code exp} is required, {@code exp} and {@code nbf} are checked
 * with a small clock skew, and an issuer and audience are enforced when configured. Every rejection
 * is a {@link WardenException} with {@link ErrorCode#UNAUTHENTICATED}; messages never include the
 * token or the key.
 */
public final class JwtVerifier {

  private static final Set<JWSAlgorithm> HMAC_ALGORITHMS =
      Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

  private static final Set<JWSAlgorithm> PUBLIC_KEY_ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  private final DefaultJWTProcessor<SecurityContext> processor;
  private final String actorType;
  private final String issuer;
  private final String audience;

  private JwtVerifier(Builder b, JWKSource<SecurityContext> keys, Set<JWSAlgorithm> algorithms) {
    this.actorType = b.actorType;
    this.issuer = b.issuer;
    this.audience = b.audience;
    processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            b.audience,
            b.issuer == null ? null : new JWTClaimsSet.Builder().issuer(b.issuer).build(),
            Set.of("sub", "exp"));
    claims.setMaxClockSkew((int) b.clockSkew.toSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  /** A builder; configure exactly one key source. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies the value of an {@code Authorization} header, {@code Bearer <jwt>}.
   *
   * @throws WardenException {@code UNAUTHENTICATED} when the header is missing or not a bearer
   *     token, or the token is rejected
   */
  public Identity verifyAuthorizationHeader(String header) {
    if (header == null || header.isBlank()) {
      throw unauthenticated("no bearer token: send `Authorization: Bearer <jwt>`");
    }
    String h = header.strip();
    if (h.length() < 7 || !h.substring(0, 7).equalsIgnoreCase("Bearer ")) {
      throw unauthenticated("the Authorization header is not a bearer token");
    }
    return verify(h.substring(7).strip());
  }

  /**
   * Verifies a compact JWT and returns the caller it names.
   *
   * @throws WardenException {@code UNAUTHENTICATED} when the token is malformed, unsigned, signed
   *     with another key or algorithm, expired, not yet valid, or meant for another issuer or
   *     audience
   */
  public Identity verify(String token) {
    JWTClaimsSet claims;
    try {
      claims = processor.process(JWTParser.parse(token), null);
    } catch (ParseException e) {
      throw unauthenticated("the bearer token is not a well-formed JWT");
    } catch (BadJOSEException e) {
      throw unauthenticated(reason(e));
    } catch (JOSEException e) {
      throw unauthenticated("the bearer token could not be verified: " + e.getMessage());
    }
    String subject = claims.getSubject();
    try {
      return new Identity(EntityRef.of(actorType, subject), Claims.toAttributes(claims));
    } catch (WardenException e) {
      throw unauthenticated("the token's subject is not a valid actor id: " + e.getMessage());
    }
  }

  private String reason(BadJOSEException e) {
    String m = String.valueOf(e.getMessage());
    if (e instanceof ExpiredJWTException) {
      return "the bearer token has expired";
    }
    if (e instanceof BadJWTException) {
      return claimsReason(m);
    }
    if (e instanceof BadJWSException) {
      return "the bearer token's signature does not verify with the configured key";
    }
    // Nimbus says "Unsecured (plain) JWTs are rejected" for alg none, and "Another algorithm
    // expected, or no matching key(s) found" when the key selector refuses the header.
    if (m.contains("nsecured") || m.contains("plain")) {
      return "unsigned tokens (`alg: none`) are not accepted";
    }
    if (m.contains("Another algorithm expected") || m.contains("no matching key")) {
      return "the bearer token's algorithm or key id is not accepted by this verifier";
    }
    return "the bearer token is rejected: " + m;
  }

  // The claims verifier reports through messages only; match on their stable wording.
  private String claimsReason(String m) {
    if (m.contains("before use time")) {
      return "the bearer token is not valid yet (nbf is in the future)";
    }
    if (m.contains("missing required claims")) {
      return "the bearer token lacks a required claim (`sub` and `exp` are required)";
    }
    if (m.contains("aud claim") || m.contains("audience")) {
      return "the bearer token is meant for another audience; expected `" + audience + "`";
    }
    if (m.contains("iss claim")) {
      return "the bearer token comes from another issuer; expected `" + issuer + "`";
    }
    return "the bearer token's claims are rejected: " + m.toLowerCase(Locale.ROOT);
  }

  private static WardenException unauthenticated(String message) {
    return new WardenException(ErrorCode.UNAUTHENTICATED, message);
  }

  /** Configures a {@link JwtVerifier}. */
  public static final class Builder {
    private byte[] secret;
    private Path jwksFile;
    private URL jwksUrl;
    private String issuer;
    private String audience;
    private String actorType = "User";
    private Duration clockSkew = Duration.ofSeconds(30);

    private Builder() {}

    /** Verify HS256/384/512 tokens with this shared secret (at least 32 bytes). */
    public Builder hmacSecret(byte[] key) {
      secret = key.clone();
      return this;
    }

    /** {@link #hmacSecret(byte[])} with the UTF-8 bytes of a string. */
    public Builder hmacSecret(String key) {
      return hmacSecret(key.getBytes(StandardCharsets.UTF_8));
    }

    /** Verify RS/PS/ES tokens with the public keys of a JWKS file. */
    public Builder jwksFile(Path file) {
      jwksFile = file;
      return this;
    }

    /** Verify RS/PS/ES tokens with the public keys served at a JWKS URL (cached, refreshed). */
    public Builder jwksUrl(String url) {
      try {
        jwksUrl = URI.create(url).toURL();
      } catch (IllegalArgumentException | java.net.MalformedURLException e) {
        throw WardenException.invalid("`" + url + "` is not a JWKS URL");
      }
      return this;
    }

    /** Require this {@code iss}. */
    public Builder issuer(String value) {
      issuer = value;
      return this;
    }

    /** Require this value among the token's {@code aud}. */
    public Builder audience(String value) {
      audience = value;
      return this;
    }

    /** The actor type the subject names; {@code User} by default. */
    public Builder actorType(String type) {
      actorType = type;
      return this;
    }

    /** How far {@code exp} and {@code nbf} may be off; 30 seconds by default. */
    public Builder clockSkew(Duration skew) {
      if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
        throw WardenException.invalid("the clock skew must be between 0 and 5 minutes");
      }
      clockSkew = skew;
      return this;
    }

    /** The verifier; fails when not exactly one key source is configured. */
    public JwtVerifier build() {
      List<String> sources = new ArrayList<>();
      if (secret != null) {
        sources.add("an HMAC secret");
      }
      if (jwksFile != null) {
        sources.add("a JWKS file");
      }
      if (jwksUrl != null) {
        sources.add("a JWKS URL");
      }
      if (sources.size() != 1) {
        throw WardenException.invalid(
            sources.isEmpty()
                ? "configure a key to verify tokens: an HMAC secret, a JWKS file or a JWKS URL"
                : "configure one key source, not " + String.join(" and ", sources));
      }
      if (secret != null) {
        if (secret.length < 32) {
          throw WardenException.invalid(
              "the HMAC secret must be at least 32 bytes (256 bits) for HS256");
        }
        return new JwtVerifier(this, new ImmutableSecret<>(secret), HMAC_ALGORITHMS);
      }
      JWKSource<SecurityContext> keys =
          jwksFile != null
              ? new ImmutableJWKSet<>(publicKeys(loadFile(jwksFile)))
              : JWKSourceBuilder.create(jwksUrl).build();
      return new JwtVerifier(this, keys, new HashSet<>(PUBLIC_KEY_ALGORITHMS));
    }

    private static JWKSet loadFile(Path file) {
      try {
        return JWKSet.parse(Files.readString(file));
      } catch (IOException e) {
        throw WardenException.invalid("cannot read the JWKS file `" + file + "`: " + e);
      } catch (ParseException e) {
        throw WardenException.invalid(
            "the JWKS file `" + file + "` is not a JWK set: " + e.getMessage());
      }
    }

    // Only public keys take part in verification: a private or symmetric key published by
    // mistake in the file is dropped rather than used.
    private static JWKSet publicKeys(JWKSet set) {
      JWKSet pub = set.toPublicJWKSet();
      if (pub.getKeys().isEmpty()) {
        throw WardenException.invalid("the JWKS file holds no public keys");
      }
      return pub;
    }
  }
}
