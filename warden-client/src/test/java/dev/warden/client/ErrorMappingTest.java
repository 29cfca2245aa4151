package dev.warden.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.DecisionLog;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every error status the real server answers becomes a typed {@link WardenClientException} with the
 * engine's code, the server's message and details, the status and the server's own code; and the
 * API key appears in none of it.
 */
class ErrorMappingTest {

  static final int BODY_LIMIT = 8192;
  static LiveServer s;

  @BeforeAll
  static void start() {
    Warden w =
        Warden.builder()
            .policy(LiveServer.repoRoot().resolve("examples/full/policy.warden"))
            .options(LiveServer.config().engineOptions())
            .build();
    w.grant("Repository:gmail#admin@User:larry", "Repository:OPAL#tenant@Tenant:acme");
    s =
        new LiveServer(
            w,
            LiveServer.read("examples/full/policy.warden"),
            LiveServer.config().toBuilder().bodyLimitBytes(BODY_LIMIT).build(),
            DecisionLog.NONE);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  /**
   * The engine's code for a server code the engine may not declare yet (the HTTP layer's own, such
   * as {@code unauthenticated}): that code once it exists, the fallback until then.
   */
  static ErrorCode engineCodeOr(String wire, ErrorCode fallback) {
    for (ErrorCode c : ErrorCode.values()) {
      if (c.wireName().equals(wire)) {
        return c;
      }
    }
    return fallback;
  }

  static WardenClientException failure(ThrowingCallable call, String... secrets) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
    assertThat(t).isInstanceOf(WardenClientException.class);
    WardenClientException e = (WardenClientException) t;
    for (String secret : secrets) {
      assertThat(e.getMessage()).doesNotContain(secret);
      assertThat(e.toString()).doesNotContain(secret);
      assertThat(String.join("\n", e.details())).doesNotContain(secret);
    }
    return e;
  }

  static CheckRequest check() {
    return CheckRequest.of("User:larry", "read", "Repository:gmail");
  }

  @Test
  void noKeyIs401Unauthenticated() {
    WardenClientException e = failure(() -> s.client(null).check(check()));
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.kind()).isEqualTo(WardenClientException.Kind.UNAUTHENTICATED);
    assertThat(e.serverCode()).isEqualTo("unauthenticated");
    assertThat(e.code()).isEqualTo(engineCodeOr("unauthenticated", ErrorCode.INVALID_REQUEST));
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void aWrongKeyIs401AndNeverEchoed() {
    String wrong = s.checker.substring(0, s.checker.length() - 4) + "AAAA";
    WardenClient c = s.client(wrong);
    WardenClientException e = failure(() -> c.check(check()), wrong, s.checker);
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).isEqualTo("unknown or wrong API key");
    assertThat(c.toString()).doesNotContain(wrong).contains(s.baseUrl());
    WardenClientException async =
        (WardenClientException)
            org.assertj.core.api.Assertions.catchThrowableOfType(
                    CompletionException.class, () -> c.checkAsync(check()).join())
                .getCause();
    assertThat(async.status()).isEqualTo(401);
    assertThat(async.getMessage()).doesNotContain(wrong);
  }

  @Test
  void aKeyWithoutTheScopeIs403Forbidden() {
    WardenClientException e =
        failure(() -> s.client(s.checker).grant("Repository:x#admin@User:y"), s.checker);
    assertThat(e.status()).isEqualTo(403);
    assertThat(e.kind()).isEqualTo(WardenClientException.Kind.FORBIDDEN);
    assertThat(e.serverCode()).isEqualTo("forbidden");
    assertThat(e.code()).isEqualTo(engineCodeOr("forbidden", ErrorCode.INVALID_REQUEST));
    assertThat(e.getMessage()).contains("lacks scope `write`");
    WardenClientException policy = failure(() -> s.client(s.writer).policy(), s.writer);
    assertThat(policy.status()).isEqualTo(403);
  }

  @Test
  void aTenantBoundKeyAskingAboutAnotherTenantIs403() {
    WardenClient acme = s.client(s.acmeChecker);
    CheckRequest other =
        CheckRequest.builder(
                EntityRef.of("User", "larry"), "read", EntityRef.of("Repository", "OPAL"))
            .tenant("globex")
            .build();
    WardenClientException e = failure(() -> acme.check(other), s.acmeChecker);
    assertThat(e.kind()).isEqualTo(WardenClientException.Kind.FORBIDDEN);
    assertThat(e.getMessage()).contains("bound to tenant `acme`");
    CheckRequest own =
        CheckRequest.builder(
                EntityRef.of("User", "larry"), "read", EntityRef.of("Repository", "OPAL"))
            .tenant("acme")
            .build();
    assertThat(acme.check(own).allowed()).isFalse();
  }

  @Test
  void anUnknownRouteOrVersionIs404NotFound() {
    WardenClient wrongPrefix =
        WardenClient.builder()
            .baseUrl(s.baseUrl() + "/nope")
            .apiKey(s.checker)
            .maxRetries(0)
            .build();
    WardenClientException route = failure(() -> wrongPrefix.check(check()), s.checker);
    assertThat(route.status()).isEqualTo(404);
    assertThat(route.kind()).isEqualTo(WardenClientException.Kind.NOT_FOUND);
    assertThat(route.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    WardenClientException version = failure(() -> s.client(s.admin).policy(12345));
    assertThat(version.status()).isEqualTo(404);
    assertThat(version.getMessage()).isEqualTo("no policy version 12345");
  }

  @Test
  void aFailedPreconditionIs409Conflict() {
    WardenClient w = s.client(s.writer);
    WriteBatch create =
        new WriteBatch(
            List.of(
                new dev.warden.api.Mutation.Create(
                    dev.warden.api.Grant.parse("Repository:c1#admin@User:u"))),
            List.of());
    w.write(create);
    WardenClientException e = failure(() -> w.write(create));
    assertThat(e.status()).isEqualTo(409);
    assertThat(e.kind()).isEqualTo(WardenClientException.Kind.CONFLICT);
    assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION_FAILED);
    assertThatThrownBy(() -> s.warden.write(create))
        .isInstanceOfSatisfying(
            WardenException.class,
            local -> assertThat(local.getMessage()).isEqualTo(e.getMessage()));
  }

  /**
   * The server answers 413 from the {@code Content-Length} alone and closes the connection without
   * reading the body; the unread bytes make the kernel reset the connection, and a reset that
   * overtakes the answer reaches the client as a broken connection instead of the 413. So a few
   * tries are allowed: every one must be the 413 or that reset, and at least one the 413.
   */
  @Test
  void aBodyOverTheServersLimitIs413TooLarge() {
    List<CheckRequest> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add(CheckRequest.of("User:u" + i, "read", "Repository:r" + i));
    }
    WardenClientException e = null;
    for (int attempt = 0; attempt < 10 && (e == null || e.status() != 413); attempt++) {
      e = failure(() -> s.client(s.checker).checkBulk(many));
      if (e.status() != 413) {
        assertThat(e.kind()).isEqualTo(WardenClientException.Kind.UNAVAILABLE);
        assertThat(e.status()).isZero();
      }
    }
    assertThat(e.status()).isEqualTo(413);
    assertThat(e.kind()).isEqualTo(WardenClientException.Kind.TOO_LARGE);
    assertThat(e.serverCode()).isEqualTo("body_too_large");
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.getMessage()).contains(Integer.toString(BODY_LIMIT));
  }

  @Test
  void invalidRequestsAre422WithTheEngineCodeAndMessage() {
    WardenClient c = s.client(s.checker);
    List<ThrowingCallable> remote = new ArrayList<>();
    List<ThrowingCallable> local = new ArrayList<>();
    CheckRequest unknownAction = CheckRequest.of("User:larry", "fly", "Repository:gmail");
    remote.add(() -> c.check(unknownAction));
    local.add(() -> s.warden.check(unknownAction));
    CheckRequest unknownType = CheckRequest.of("User:larry", "read", "Repo:gmail");
    remote.add(() -> c.explain(unknownType));
    local.add(() -> s.warden.explain(unknownType));
    LookupResourcesRequest badLookup =
        LookupResourcesRequest.of(EntityRef.of("User", "larry"), "read", "Tenant");
    remote.add(() -> c.lookupResources(badLookup));
    local.add(() -> s.warden.lookupResources(badLookup));
    WriteBatch badGrant = WriteBatch.touch("Repository:x#read@User:bad");
    remote.add(() -> s.client(s.writer).write(badGrant));
    local.add(() -> s.warden.write(badGrant));
    for (int i = 0; i < remote.size(); i++) {
      Throwable l = org.assertj.core.api.Assertions.catchThrowable(local.get(i));
      assertThat(l).as("embedded #%d", i).isInstanceOf(WardenException.class);
      WardenException expected = (WardenException) l;
      WardenClientException e = failure(remote.get(i));
      assertThat(e.status()).as("#%d", i).isEqualTo(422);
      assertThat(e.kind()).isEqualTo(WardenClientException.Kind.INVALID);
      assertThat(e.code()).as("#%d", i).isEqualTo(expected.code());
      assertThat(e.getMessage()).as("#%d", i).isEqualTo(expected.getMessage());
      assertThat(e.serverCode()).isEqualTo(expected.code().wireName());
    }
  }

  @Test
  void anInvalidPolicyIs422WithItsDiagnostics() {
    WardenClientException e =
        failure(
            () ->
                s.client(s.admin)
                    .activatePolicy(
                        "actor User {}\nresource R { roles = [\"a\"]; \"a\" if \"b\"; }"));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POLICY);
    assertThat(e.details()).isNotEmpty();
    assertThat(e.details().get(0)).contains("policy:2:");
  }

  @Test
  void aRevisionNotReachedInTimeIs503ConsistencyTimeout() {
    CheckRequest future =
        CheckRequest.builder(
                EntityRef.of("User", "larry"), "read", EntityRef.of("Repository", "gmail"))
            .consistency(Consistency.atLeast(s.warden.revision() + 1000))
            .build();
    WardenClientException e = failure(() -> s.client(s.checker).check(future));
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.kind()).isEqualTo(WardenClientException.Kind.UNAVAILABLE);
    assertThat(e.code()).isEqualTo(ErrorCode.CONSISTENCY_TIMEOUT);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("revision " + (s.warden.revision() + 1000));
  }

  @Test
  void aServerThatCannotBeReachedIsUnavailable() {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String key = "wk_0123456789ab_" + "s".repeat(43);
    WardenClient c =
        WardenClient.builder()
            .baseUrl("http://127.0.0.1:" + port)
            .apiKey(key)
            .maxRetries(1)
            .build();
    WardenClientException e = failure(() -> c.check(check()), key);
    assertThat(e.kind()).isEqualTo(WardenClientException.Kind.UNAVAILABLE);
    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.status()).isZero();
    assertThat(e.serverCode()).isNull();
    assertThat(e.getMessage()).contains("cannot connect", "127.0.0.1:" + port, "POST /v1/check");
    assertThat(e.getCause()).isInstanceOf(java.net.ConnectException.class);
    WardenClientException write =
        failure(() -> c.setAttributes(EntityRef.of("User", "u"), Map.of("department", "x")), key);
    assertThat(write.kind()).isEqualTo(WardenClientException.Kind.UNAVAILABLE);
    assertThat(write.getMessage()).contains("PUT /v1/entities/User/u");
  }
}
