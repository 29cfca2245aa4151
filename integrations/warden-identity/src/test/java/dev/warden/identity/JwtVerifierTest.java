package dev.warden.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtVerifierTest {

  static final String SECRET = "a-development-secret-of-32-bytes!";
  static final String OTHER_SECRET = "another-secret-also-32-bytes-long";

  static RSAKey rsa;
  static RSAKey otherRsa;
  static ECKey ec;
  static Path jwks;

  @BeforeAll
  static void keys(@TempDir Path dir) throws JOSEException, IOException {
    rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    otherRsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, new JWKSet(List.of(rsa, ec)).toPublicJWKSet().toString());
  }

  static JwtVerifier hmac() {
    return JwtVerifier.builder()
        .hmacSecret(SECRET)
        .issuer("https://id.example")
        .audience("warden-demo")
        .build();
  }

  static JwtVerifier jwksVerifier() {
    return JwtVerifier.builder().jwksFile(jwks).build();
  }

  static JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .subject("bob")
        .issuer("https://id.example")
        .audience("warden-demo")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .claim("department", "engineering");
  }

  static String sign(JWSAlgorithm alg, String kid, JWSSigner signer, JWTClaimsSet claims)
      throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  static String hs256(UnaryOperator<JWTClaimsSet.Builder> edit) throws JOSEException {
    return sign(JWSAlgorithm.HS256, null, new MACSigner(SECRET), edit.apply(claims()).build());
  }

  static void rejected(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED))
        .hasMessage(message);
  }

  @Test
  void aValidHs256TokenNamesTheUserAndCarriesClaimsAsAttributes() throws JOSEException {
    Identity id = hmac().verify(hs256(c -> c));
    assertThat(id.actor()).isEqualTo(EntityRef.of("User", "bob"));
    assertThat(id.claims())
        .containsEntry("department", "engineering")
        .containsEntry("sub", "bob")
        .containsEntry("aud", List.of("warden-demo"));
    assertThat(id.claims().get("exp")).isInstanceOf(Instant.class);
    dev.warden.model.Policy policy =
        dev.warden.lang.PolicyCompiler.compile(
                new dev.warden.lang.SourceFile(
                    "p.warden",
                    """
                    actor User { attributes = { department: string }; }
                    resource Document { roles = ["viewer"]; }
                    """))
            .policyOrThrow();
    // Only declared claims become attributes: the engine refuses undeclared ones.
    assertThat(id.check(policy, "read", EntityRef.of("Document", "d1")).build().actorAttributes())
        .containsExactly(java.util.Map.entry("department", "engineering"));
  }

  @Test
  void aValidRs256TokenVerifiesAgainstTheJwksFile() throws JOSEException {
    String token = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa), claims().build());
    assertThat(jwksVerifier().verify(token).actor()).isEqualTo(EntityRef.of("User", "bob"));
  }

  @Test
  void aValidEs256TokenVerifiesAgainstTheJwksFile() throws JOSEException {
    String token = sign(JWSAlgorithm.ES256, "ec-1", new ECDSASigner(ec), claims().build());
    assertThat(jwksVerifier().verify(token).actor().id()).isEqualTo("bob");
  }

  @Test
  void aValidRs256TokenVerifiesAgainstAJwksUrl() throws JOSEException, IOException {
    byte[] body = new JWKSet(rsa).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/jwks.json",
        x -> {
          x.sendResponseHeaders(200, body.length);
          try (x) {
            x.getResponseBody().write(body);
          }
        });
    server.start();
    try {
      JwtVerifier verifier =
          JwtVerifier.builder()
              .jwksUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json")
              .build();
      String token = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa), claims().build());
      assertThat(verifier.verify(token).actor().id()).isEqualTo("bob");
      String forged =
          sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(otherRsa), claims().build());
      rejected(
          () -> verifier.verify(forged),
          "the bearer token's signature does not verify with the configured key");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void theAuthorizationHeaderMustBeABearerToken() throws JOSEException {
    String token = hs256(c -> c);
    assertThat(hmac().verifyAuthorizationHeader("Bearer " + token).actor().id()).isEqualTo("bob");
    rejected(
        () -> hmac().verifyAuthorizationHeader(null),
        "no bearer token: send `Authorization: Bearer <jwt>`");
    rejected(
        () -> hmac().verifyAuthorizationHeader("Basic Ym9iOnB3"),
        "the Authorization header is not a bearer token");
  }

  @Test
  void anExpiredTokenIsRejected() throws JOSEException {
    String token =
        hs256(c -> c.expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5)))));
    rejected(() -> hmac().verify(token), "the bearer token has expired");
  }

  @Test
  void expiryWithinTheClockSkewIsTolerated() throws JOSEException {
    String token = hs256(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(5))));
    assertThat(hmac().verify(token).actor().id()).isEqualTo("bob");
  }

  @Test
  void aTokenNotYetValidIsRejected() throws JOSEException {
    String token = hs256(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(600))));
    rejected(
        () -> hmac().verify(token), "the bearer token is not valid yet (nbf is in the future)");
  }

  @Test
  void aTokenForAnotherAudienceIsRejected() throws JOSEException {
    String token = hs256(c -> c.audience("billing"));
    rejected(
        () -> hmac().verify(token),
        "the bearer token is meant for another audience; expected `warden-demo`");
  }

  @Test
  void aTokenFromAnotherIssuerIsRejected() throws JOSEException {
    String token = hs256(c -> c.issuer("https://evil.example"));
    rejected(
        () -> hmac().verify(token),
        "the bearer token comes from another issuer; expected `https://id.example`");
  }

  @Test
  void aTokenWithoutExpiryIsRejected() throws JOSEException {
    String token = hs256(c -> c.expirationTime(null));
    rejected(
        () -> hmac().verify(token),
        "the bearer token lacks a required claim (`sub` and `exp` are required)");
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRejected() throws JOSEException {
    String token = sign(JWSAlgorithm.HS256, null, new MACSigner(OTHER_SECRET), claims().build());
    rejected(
        () -> hmac().verify(token),
        "the bearer token's signature does not verify with the configured key");
  }

  @Test
  void aTokenSignedWithAnotherRsaKeyIsRejected() throws JOSEException {
    String token = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(otherRsa), claims().build());
    rejected(
        () -> jwksVerifier().verify(token),
        "the bearer token's signature does not verify with the configured key");
  }

  @Test
  void anUnsignedAlgNoneTokenIsRejected() {
    String token = new PlainJWT(claims().build()).serialize();
    rejected(() -> hmac().verify(token), "unsigned tokens (`alg: none`) are not accepted");
    rejected(() -> jwksVerifier().verify(token), "unsigned tokens (`alg: none`) are not accepted");
  }

  @Test
  void algorithmConfusionWithThePublicKeyAsHmacSecretIsRejected() throws JOSEException {
    // The classic attack: sign HS256 with the RSA public key's bytes as the shared secret.
    byte[] publicKeyBytes = rsa.toPublicJWK().toRSAPublicKey().getEncoded();
    String token =
        sign(JWSAlgorithm.HS256, "rsa-1", new MACSigner(publicKeyBytes), claims().build());
    rejected(
        () -> jwksVerifier().verify(token),
        "the bearer token's algorithm or key id is not accepted by this verifier");
  }

  @Test
  void anRs256TokenIsRejectedByAnHmacVerifier() throws JOSEException {
    String token = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa), claims().build());
    rejected(
        () -> hmac().verify(token),
        "the bearer token's algorithm or key id is not accepted by this verifier");
  }

  @Test
  void garbageIsRejected() {
    rejected(() -> hmac().verify("not.a.jwt"), "the bearer token is not a well-formed JWT");
    rejected(() -> hmac().verify(""), "the bearer token is not a well-formed JWT");
    rejected(
        () -> hmac().verify("eyJhbGciOiJIUzI1NiJ9.e30.@@@"),
        "the bearer token's signature does not verify with the configured key");
  }

  @Test
  void devTokensVerifyWithTheSameSecret() {
    String token =
        DevTokens.mint(
            "alice",
            SECRET,
            Duration.ofMinutes(5),
            "https://id.example",
            "warden-demo",
            Map.of("department", "finance"));
    Identity id = hmac().verify(token);
    assertThat(id.actor()).isEqualTo(EntityRef.of("User", "alice"));
    assertThat(id.claims()).containsEntry("department", "finance");
  }

  @Test
  void theBuilderWantsExactlyOneStrongKey() {
    assertThatThrownBy(() -> JwtVerifier.builder().build())
        .hasMessage("configure a key to verify tokens: an HMAC secret, a JWKS file or a JWKS URL");
    assertThatThrownBy(() -> JwtVerifier.builder().hmacSecret(SECRET).jwksFile(jwks).build())
        .hasMessage("configure one key source, not an HMAC secret and a JWKS file");
    assertThatThrownBy(() -> JwtVerifier.builder().hmacSecret("short").build())
        .hasMessage("the HMAC secret must be at least 32 bytes (256 bits) for HS256");
  }
}
