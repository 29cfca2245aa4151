package dev.warden.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP exchange with the server, retried by the {@link RetryPolicy} when that is safe, and
 * every failure turned into a {@link WardenClientException}.
 *
 * <pre>
 * send ─▶ answer 2xx ─▶ JSON body
 *      ├▶ answer 4xx/5xx ─▶ {"error":{code,message,details}} ─▶ WardenClientException
 *      └▶ no answer (refused, reset, timeout) ─▶ WardenClientException UNAVAILABLE / TIMEOUT
 *                 │
 *                 └─ retryable kind and (idempotent call, or the server provably did not act)
 *                    and retries left ─▶ wait (backoff) ─▶ send again
 * </pre>
 *
 * The API key travels only in the {@code Authorization} header; it is never part of a message.
 */
final class Transport {

  private static final String USER_AGENT = "warden-client/0.1";

  private final HttpClient http;
  private final String base;
  private final String authorization;
  private final Duration requestTimeout;
  private final RetryPolicy retry;
  private final ObjectMapper json;
  private final Executor executor;

  /**
   * @param base the server's URL without a trailing slash
   * @param apiKey the key, or null for a server without authentication
   * @param executor where asynchronous retries wait and run, or null for the common pool
   */
  Transport(
      HttpClient http,
      String base,
      String apiKey,
      Duration requestTimeout,
      RetryPolicy retry,
      ObjectMapper json,
      Executor executor) {
    this.http = http;
    this.base = base;
    this.authorization = apiKey == null ? null : "Bearer " + apiKey;
    this.requestTimeout = requestTimeout;
    this.retry = retry;
    this.json = json;
    this.executor = executor;
  }

  /** The outcome of one attempt: a JSON body, or a failure with what a retry needs to know. */
  private record Attempt(
      JsonNode body, WardenClientException failure, boolean notActedOn, Duration retryAfter) {

    static Attempt ok(JsonNode body) {
      return new Attempt(body, null, false, null);
    }
  }

  /** Sends on the calling thread, retrying as allowed; the JSON answer of a 2xx. */
  JsonNode send(Endpoint endpoint, String path, byte[] body) {
    HttpRequest request = request(endpoint, path, body);
    for (int attempt = 0; ; attempt++) {
      Attempt a;
      try {
        a = answer(endpoint, path, http.send(request, HttpResponse.BodyHandlers.ofByteArray()));
      } catch (IOException e) {
        a = failure(endpoint, path, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw WardenClientException.noAnswer(
            WardenClientException.Kind.UNAVAILABLE,
            "interrupted while waiting for the Warden server (" + describe(endpoint, path) + ")",
            e);
      }
      if (a.failure == null) {
        return a.body;
      }
      if (!retrying(endpoint, a, attempt)) {
        throw a.failure;
      }
      try {
        Thread.sleep(waitMillis(attempt, a));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw a.failure;
      }
    }
  }

  /** Sends without blocking; retries wait on a delayed executor, not on a thread. */
  CompletableFuture<JsonNode> sendAsync(Endpoint endpoint, String path, byte[] body) {
    return attemptAsync(endpoint, path, request(endpoint, path, body), 0);
  }

  private CompletableFuture<JsonNode> attemptAsync(
      Endpoint endpoint, String path, HttpRequest request, int attempt) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (response, error) ->
                error == null
                    ? answer(endpoint, path, response)
                    : failure(endpoint, path, unwrap(error)))
        .thenCompose(
            a -> {
              if (a.failure == null) {
                return CompletableFuture.completedFuture(a.body);
              }
              if (!retrying(endpoint, a, attempt)) {
                return CompletableFuture.failedFuture(a.failure);
              }
              Executor later =
                  executor == null
                      ? CompletableFuture.delayedExecutor(
                          waitMillis(attempt, a), TimeUnit.MILLISECONDS)
                      : CompletableFuture.delayedExecutor(
                          waitMillis(attempt, a), TimeUnit.MILLISECONDS, executor);
              return CompletableFuture.supplyAsync(() -> request, later)
                  .thenCompose(same -> attemptAsync(endpoint, path, same, attempt + 1));
            });
  }

  /**
   * Whether to try again: retries left, a failure a retry may cure, and a call that is safe to
   * repeat. A write is repeated only when the server provably did not act on it: the connection was
   * never opened, or the server refused it while shutting down ({@code not_ready}, answered before
   * the body is read).
   */
  private boolean retrying(Endpoint endpoint, Attempt a, int attempt) {
    return attempt < retry.maxRetries()
        && a.failure.retryable()
        && (endpoint.idempotent() || a.notActedOn);
  }

  private long waitMillis(int attempt, Attempt a) {
    return retry.backoff(attempt + 1, a.retryAfter).toMillis();
  }

  private HttpRequest request(Endpoint endpoint, String path, byte[] body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .header("User-Agent", USER_AGENT);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (body == null) {
      b.method(endpoint.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(endpoint.method(), HttpRequest.BodyPublishers.ofByteArray(body));
    }
    return b.build();
  }

  private Attempt answer(Endpoint endpoint, String path, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    JsonNode body = parse(response.body());
    if (status >= 200 && status < 300) {
      if (body == null || !body.isObject()) {
        return failed(
            WardenClientException.protocol(
                status, "the answer to " + describe(endpoint, path) + " is not a JSON object"),
            false,
            null);
      }
      return Attempt.ok(body);
    }
    JsonNode error = body == null ? null : body.get("error");
    WardenClientException failure;
    if (error != null && error.isObject() && error.path("code").isTextual()) {
      String code = error.get("code").textValue();
      String message = error.path("message").isTextual() ? error.get("message").textValue() : code;
      failure = WardenClientException.answered(status, code, message, details(error));
    } else {
      failure =
          WardenClientException.answered(
              status,
              null,
              "HTTP "
                  + status
                  + " from "
                  + describe(endpoint, path)
                  + " without a Warden error body (a proxy or another server answered?)",
              List.of());
    }
    boolean notActedOn = status == 503 && "not_ready".equals(failure.serverCode());
    return failed(failure, notActedOn, retryAfter(response));
  }

  private static Attempt failed(
      WardenClientException failure, boolean notActedOn, Duration retryAfter) {
    return new Attempt(null, failure, notActedOn, retryAfter);
  }

  private Attempt failure(Endpoint endpoint, String path, Throwable t) {
    String where = describe(endpoint, path);
    if (t instanceof HttpConnectTimeoutException) {
      return failed(
          WardenClientException.noAnswer(
              WardenClientException.Kind.UNAVAILABLE,
              "cannot connect to the Warden server at "
                  + base
                  + " within the connect timeout ("
                  + where
                  + ")",
              t),
          true,
          null);
    }
    if (t instanceof HttpTimeoutException) {
      return failed(
          WardenClientException.noAnswer(
              WardenClientException.Kind.TIMEOUT,
              "no answer from the Warden server within "
                  + requestTimeout
                  + " ("
                  + where
                  + ")"
                  + mayHaveActed(endpoint),
              t),
          false,
          null);
    }
    if (t instanceof ConnectException) {
      return failed(
          WardenClientException.noAnswer(
              WardenClientException.Kind.UNAVAILABLE,
              "cannot connect to the Warden server at "
                  + base
                  + ": "
                  + (t.getMessage() == null ? "connection refused" : t.getMessage())
                  + " ("
                  + where
                  + ")",
              t),
          true,
          null);
    }
    String reason = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return failed(
        WardenClientException.noAnswer(
            WardenClientException.Kind.UNAVAILABLE,
            "the connection to the Warden server at "
                + base
                + " failed ("
                + where
                + "): "
                + reason
                + mayHaveActed(endpoint),
            t),
        false,
        null);
  }

  private static String mayHaveActed(Endpoint endpoint) {
    return endpoint.idempotent() ? "" : "; the write may or may not have been applied";
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while (cur instanceof CompletionException && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static List<String> details(JsonNode error) {
    JsonNode d = error.get("details");
    if (d == null || !d.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(d.size());
    d.forEach(line -> out.add(line.isTextual() ? line.textValue() : line.toString()));
    return out;
  }

  /** A {@code Retry-After} of whole seconds; dates and nonsense are ignored. */
  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(String::trim)
        .filter(v -> !v.isEmpty() && v.length() <= 6 && v.chars().allMatch(Character::isDigit))
        .map(v -> Duration.ofSeconds(Long.parseLong(v)))
        .orElse(null);
  }

  private static String describe(Endpoint endpoint, String path) {
    int query = path.indexOf('?');
    return endpoint.method().toUpperCase(Locale.ROOT)
        + " "
        + (query < 0 ? path : path.substring(0, query));
  }
}
