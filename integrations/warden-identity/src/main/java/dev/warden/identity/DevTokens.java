package dev.warden.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.api.WardenException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Mints HS256 tokens for development and demos ({@code warden demo token}). Production tokens come
 * from an identity provider; this exists so the demos can show the verified-token path with no
 * provider at hand.
 */
public final class DevTokens {

  private DevTokens() {}

  /**
   * A signed token for {@code subject}, valid from now for {@code ttl}.
   *
   * @param extraClaims further claims (department, groups...), may be empty
   */
  public static String mint(
      String subject,
      String secret,
      Duration ttl,
      String issuer,
      String audience,
      Map<String, Object> extraClaims) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject(subject)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)));
    if (issuer != null) {
      claims.issuer(issuer);
    }
    if (audience != null) {
      claims.audience(audience);
    }
    extraClaims.forEach(claims::claim);
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    try {
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw WardenException.invalid("cannot sign a token: " + e.getMessage());
    }
    return jwt.serialize();
  }
}
