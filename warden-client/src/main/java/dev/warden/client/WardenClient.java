package dev.warden.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.AuthorizedUsers;
import dev.warden.api.Authorizer;
import dev.warden.api.CheckRequest;
import dev.warden.api.Decision;
import dev.warden.api.EntityRef;
import dev.warden.api.Explanation;
import dev.warden.api.Grant;
import dev.warden.api.GrantFilter;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupResourcesResult;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.LookupSubjectsResult;
import dev.warden.api.Mutation;
import dev.warden.api.Page;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import dev.warden.wire.AnswerCodec;
import dev.warden.wire.ReadRequest;
import dev.warden.wire.RequestCodec;
import dev.warden.wire.WireException;
import dev.warden.wire.WireJson;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The Warden HTTP PDP as an {@link Authorizer}: the same questions and answers as the embedded
 * {@code dev.warden.Warden}, asked over HTTP/1.1 with the JDK's {@link HttpClient} (connections are
 * kept alive and reused). Every method has an asynchronous variant ({@link AsyncAuthorizer}) for
 * the questions; writes, entities and the policy are synchronous.
 *
 * <pre>
 * WardenClient client = WardenClient.builder()
 *     .baseUrl("http://127.0.0.1:7766")
 *     .apiKey(System.getenv("WARDEN_API_KEY"))
 *     .build();
 * boolean ok = client.check(CheckRequest.of("User:larry", "read", "Repository:gmail")).allowed();
 * </pre>
 *
 * <p><b>Errors.</b> Every failure is a {@link WardenClientException}: a {@link WardenException}
 * with the engine's {@link dev.warden.api.ErrorCode} (so code written against {@code Authorizer}
 * catches the same codes embedded and remote), plus the HTTP status, the server's own error code
 * and a {@link WardenClientException.Kind}. A server that cannot be reached is {@code UNAVAILABLE}.
 *
 * <p><b>Retries.</b> Questions (check, bulk, explain, lookups, reading grants, reading and
 * validating the policy) are idempotent and are retried by the {@link RetryPolicy} when the server
 * is unavailable or does not answer in time. Writes (grants, deletes, entity attributes, policy
 * activation) are not idempotent on this server (it keeps no idempotency keys), so they are retried
 * only when the server provably did not act: the connection could not be opened, or the server
 * refused the call while shutting down ({@code 503 not_ready}). Any other failure of a write
 * reaches the caller, whose write may or may not have been applied.
 *
 * <p>Thread-safe; share one client per server.
 */
public final class WardenClient implements Authorizer, AsyncAuthorizer {

  /** The most checks the server takes in one bulk call; longer bulks are split into several. */
  public static final int MAX_BULK = RequestCodec.MAX_BULK;

  private final String baseUrl;
  private final Transport transport;
  private final ObjectMapper json;

  private WardenClient(Builder b, String base) {
    this.baseUrl = base;
    this.json = WireJson.answerMapper();
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(b.connectTimeout)
            // Never follow redirects: the Authorization header must not travel to another host.
            .followRedirects(HttpClient.Redirect.NEVER);
    if (b.executor != null) {
      http.executor(b.executor);
    }
    this.transport =
        new Transport(http.build(), base, b.apiKey, b.requestTimeout, b.retry, json, b.executor);
  }

  /** A builder; only the base URL is required. */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------ questions

  @Override
  public Decision check(CheckRequest request) {
    return call(Endpoint.CHECK, RequestCodec.encodeCheck(request), AnswerCodec::decodeDecision);
  }

  /** {@inheritDoc} Bulks longer than {@link #MAX_BULK} are sent as several calls. */
  @Override
  public List<Decision> checkBulk(List<CheckRequest> requests) {
    List<Decision> all = new ArrayList<>(requests.size());
    for (List<CheckRequest> chunk : chunks(requests)) {
      all.addAll(
          call(Endpoint.CHECK_BULK, RequestCodec.encodeBulk(chunk), AnswerCodec::decodeBulk));
    }
    return List.copyOf(all);
  }

  @Override
  public Explanation explain(CheckRequest request) {
    return call(
        Endpoint.EXPLAIN, RequestCodec.encodeCheck(request), AnswerCodec::decodeExplanation);
  }

  @Override
  public LookupResourcesResult lookupResources(LookupResourcesRequest request) {
    return call(
        Endpoint.LOOKUP_RESOURCES,
        RequestCodec.encodeLookupResources(request),
        AnswerCodec::decodeResources);
  }

  @Override
  public LookupSubjectsResult lookupSubjects(LookupSubjectsRequest request) {
    return call(
        Endpoint.LOOKUP_SUBJECTS,
        RequestCodec.encodeLookupSubjects(request, null),
        AnswerCodec::decodeSubjects);
  }

  /** A subject lookup in the authorized-users shape of Permit.io's PDP. */
  public AuthorizedUsers authorizedUsers(LookupSubjectsRequest request) {
    return call(
        Endpoint.LOOKUP_SUBJECTS,
        RequestCodec.encodeLookupSubjects(request, "authorized_users"),
        AnswerCodec::decodeAuthorizedUsers);
  }

  @Override
  public CompletableFuture<Decision> checkAsync(CheckRequest request) {
    return callAsync(
        Endpoint.CHECK, () -> RequestCodec.encodeCheck(request), AnswerCodec::decodeDecision);
  }

  @Override
  public CompletableFuture<List<Decision>> checkBulkAsync(List<CheckRequest> requests) {
    List<CompletableFuture<List<Decision>>> parts = new ArrayList<>();
    for (List<CheckRequest> chunk : chunks(requests)) {
      parts.add(
          callAsync(
              Endpoint.CHECK_BULK, () -> RequestCodec.encodeBulk(chunk), AnswerCodec::decodeBulk));
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture<?>[]::new))
        .thenApply(
            done -> {
              List<Decision> all = new ArrayList<>(requests.size());
              parts.forEach(p -> all.addAll(p.join()));
              return List.copyOf(all);
            });
  }

  @Override
  public CompletableFuture<Explanation> explainAsync(CheckRequest request) {
    return callAsync(
        Endpoint.EXPLAIN, () -> RequestCodec.encodeCheck(request), AnswerCodec::decodeExplanation);
  }

  @Override
  public CompletableFuture<LookupResourcesResult> lookupResourcesAsync(
      LookupResourcesRequest request) {
    return callAsync(
        Endpoint.LOOKUP_RESOURCES,
        () -> RequestCodec.encodeLookupResources(request),
        AnswerCodec::decodeResources);
  }

  @Override
  public CompletableFuture<LookupSubjectsResult> lookupSubjectsAsync(
      LookupSubjectsRequest request) {
    return callAsync(
        Endpoint.LOOKUP_SUBJECTS,
        () -> RequestCodec.encodeLookupSubjects(request, null),
        AnswerCodec::decodeSubjects);
  }

  // ------------------------------------------------------------------ grants and entities

  /**
   * Applies a batch atomically, as {@code Warden.write} does, and returns the revision at which it
   * is visible. The HTTP API takes three kinds of batch: grant updates (touch, create, delete) with
   * preconditions; one filtered delete with preconditions; or one entity's attributes without
   * preconditions. Other batches are refused before anything is sent.
   *
   * @throws WardenClientException {@code INVALID_GRANT} when a grant does not fit the policy,
   *     {@code PRECONDITION_FAILED} (409) when a precondition does not hold or a create meets an
   *     existing grant; nothing is written in either case
   */
  public long write(WriteBatch batch) {
    List<Mutation> ms = batch.mutations();
    if (!ms.isEmpty() && ms.stream().allMatch(WardenClient::isGrantUpdate)) {
      return call(
          Endpoint.WRITE_RELATIONSHIPS,
          RequestCodec.encodeWrite(ms, batch.preconditions()),
          AnswerCodec::decodeRevision);
    }
    if (ms.size() == 1 && ms.get(0) instanceof Mutation.DeleteMatching d) {
      return call(
          Endpoint.DELETE_RELATIONSHIPS,
          RequestCodec.encodeDelete(d.filter(), batch.preconditions()),
          AnswerCodec::decodeRevision);
    }
    if (ms.size() == 1
        && ms.get(0) instanceof Mutation.SetAttributes a
        && batch.preconditions().isEmpty()) {
      return setAttributes(a.entity(), a.attributes());
    }
    throw WardenException.invalid(
        "the HTTP API writes grant updates, one filtered delete, or one entity's attributes (without"
            + " preconditions) per batch; split this batch of "
            + ms.size()
            + " mutations");
  }

  private static boolean isGrantUpdate(Mutation m) {
    return m instanceof Mutation.Touch
        || m instanceof Mutation.Create
        || m instanceof Mutation.Delete;
  }

  /** Touches grants given in text form, such as {@code Repository:gmail#admin@User:larry}. */
  public long grant(String... grants) {
    return write(WriteBatch.touch(grants));
  }

  /** Deletes every grant the filter matches, atomically. */
  public long deleteMatching(GrantFilter filter) {
    return write(new WriteBatch(List.of(new Mutation.DeleteMatching(filter)), List.of()));
  }

  /** Replaces the stored attributes of an entity; an empty map removes them. */
  public long setAttributes(EntityRef entity, Map<String, Object> attributes) {
    String path = "/v1/entities/" + segment(entity.type()) + "/" + segment(entity.id());
    return call(
        Endpoint.PUT_ENTITY,
        path,
        RequestCodec.encodeAttributes(attributes),
        AnswerCodec::decodeRevision);
  }

  /**
   * One page of the stored grants the filter matches, in the store's order.
   *
   * @param cursor the previous page's {@code nextCursor}, or null for the first page
   * @param limit the most grants to return, 1 to 10000
   */
  public Page<Grant> readRelationships(GrantFilter filter, String cursor, int limit) {
    return call(
        Endpoint.READ_RELATIONSHIPS,
        RequestCodec.encodeRead(new ReadRequest(filter, cursor, limit)),
        AnswerCodec::decodePage);
  }

  /** Every stored grant the filter matches, read page by page. */
  public List<Grant> readAllRelationships(GrantFilter filter) {
    List<Grant> all = new ArrayList<>();
    String cursor = null;
    do {
      Page<Grant> page = readRelationships(filter, cursor, 1000);
      all.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }

  // ------------------------------------------------------------------ policy

  /** The active policy, with the list of every version. */
  public PolicyInfo policy() {
    return call(Endpoint.GET_POLICY, Endpoint.GET_POLICY.path(), null, PolicyAnswers::policy);
  }

  /** One policy version; {@link WardenClientException.Kind#NOT_FOUND} when there is none. */
  public PolicyInfo policy(int version) {
    return call(
        Endpoint.GET_POLICY,
        Endpoint.GET_POLICY.path() + "?version=" + version,
        null,
        PolicyAnswers::policy);
  }

  /**
   * Compiles and activates a policy; the server keeps the previous versions.
   *
   * @throws WardenClientException {@code INVALID_POLICY} with the rendered diagnostics as details
   *     when it does not compile; the active policy is unchanged
   */
  public PolicyInfo activatePolicy(String source) {
    return call(
        Endpoint.PUT_POLICY, RequestCodec.encodePolicy(source, false), PolicyAnswers::policy);
  }

  /**
   * Compiles a policy without activating it.
   *
   * @throws WardenClientException {@code INVALID_POLICY} with the rendered diagnostics as details
   */
  public void validatePolicy(String source) {
    call(
        Endpoint.VALIDATE_POLICY,
        RequestCodec.encodePolicy(source, true),
        AnswerCodec::decodeRevision);
  }

  // ------------------------------------------------------------------ plumbing

  private <T> T call(Endpoint e, JsonNode body, Function<JsonNode, T> decode) {
    return call(e, e.path(), body, decode);
  }

  private <T> T call(Endpoint e, String path, JsonNode body, Function<JsonNode, T> decode) {
    JsonNode answer = transport.send(e, path, body == null ? null : WireJson.bytes(json, body));
    return decoded(e, path, answer, decode);
  }

  /** Encoding problems (a value with no JSON form) fail the future rather than throw. */
  private <T> CompletableFuture<T> callAsync(
      Endpoint e, java.util.function.Supplier<JsonNode> body, Function<JsonNode, T> decode) {
    byte[] bytes;
    try {
      bytes = WireJson.bytes(json, body.get());
    } catch (WardenException ex) {
      return CompletableFuture.failedFuture(ex);
    }
    return transport
        .sendAsync(e, e.path(), bytes)
        .thenApply(answer -> decoded(e, e.path(), answer, decode));
  }

  private static <T> T decoded(
      Endpoint e, String path, JsonNode answer, Function<JsonNode, T> decode) {
    try {
      return decode.apply(answer);
    } catch (WireException | WardenException bad) {
      throw WardenClientException.protocol(
          200,
          "the answer to "
              + e.method()
              + " "
              + path
              + " is not in Warden's shape: "
              + bad.getMessage());
    }
  }

  private static List<List<CheckRequest>> chunks(List<CheckRequest> requests) {
    List<List<CheckRequest>> out = new ArrayList<>();
    for (int i = 0; i < requests.size(); i += MAX_BULK) {
      out.add(requests.subList(i, Math.min(requests.size(), i + MAX_BULK)));
    }
    return out;
  }

  /** A path segment: ids may hold {@code /}, {@code ?}, {@code %} and the like. */
  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The server's URL; never the API key. */
  @Override
  public String toString() {
    return "WardenClient[" + baseUrl + "]";
  }

  /** Builds a {@link WardenClient}; fails fast with a precise message on a bad setting. */
  public static final class Builder {
    private String baseUrl;
    private String apiKey;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Executor executor;

    private Builder() {}

    /** The server, such as {@code http://127.0.0.1:7766}; a path prefix is kept. */
    public Builder baseUrl(String url) {
      this.baseUrl = Objects.requireNonNull(url, "baseUrl");
      return this;
    }

    /** The API key sent as {@code Authorization: Bearer <key>}; none for an insecure-dev server. */
    public Builder apiKey(String key) {
      if (key != null) {
        if (key.isBlank()) {
          throw new IllegalArgumentException("the API key is blank");
        }
        for (int i = 0; i < key.length(); i++) {
          char c = key.charAt(i);
          if (c <= 0x20 || c >= 0x7f) {
            // The key itself stays out of the message, as everywhere.
            throw new IllegalArgumentException(
                "the API key holds a character that cannot travel in an HTTP header (position "
                    + i
                    + ")");
          }
        }
      }
      this.apiKey = key;
      return this;
    }

    /** How long opening a connection may take; 2 s by default. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long one attempt may wait for its answer; 10 s by default. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** How failed idempotent calls are retried; {@link RetryPolicy#DEFAULT} by default. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retry = Objects.requireNonNull(policy, "retryPolicy");
      return this;
    }

    /** {@code n} retries with the default backoff; 0 disables retrying. */
    public Builder maxRetries(int n) {
      return retryPolicy(RetryPolicy.retries(n));
    }

    /**
     * Where the HTTP client runs its work and asynchronous callers' stages complete; the JDK's
     * default pool when unset.
     */
    public Builder executor(Executor value) {
      this.executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /** The client. */
    public WardenClient build() {
      if (baseUrl == null) {
        throw new IllegalStateException("a base URL is required: call baseUrl(...) before build()");
      }
      return new WardenClient(this, normalized(baseUrl));
    }

    private static String normalized(String url) {
      if (url.indexOf('@') >= 0) {
        // Not echoed: what precedes `@` may be a password.
        throw new IllegalArgumentException(
            "the base URL must not carry credentials; pass the API key with apiKey(...)");
      }
      URI uri;
      try {
        uri = new URI(url.strip());
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException("base URL `" + url + "` is not a URL: " + e.getReason());
      }
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
        throw new IllegalArgumentException(
            "base URL `" + url + "` must start with http:// or https://");
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("base URL `" + url + "` names no host");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "base URL `" + url + "` must not have a query or a fragment");
      }
      String s = uri.toString();
      while (s.endsWith("/")) {
        s = s.substring(0, s.length() - 1);
      }
      return s;
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, not " + d);
      }
      return d;
    }
  }
}
