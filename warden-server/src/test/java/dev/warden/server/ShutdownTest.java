package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** close(): stop accepting, let the request in flight finish, then close the store. */
class ShutdownTest {

  @Test
  void inFlightRequestFinishesNewConnectionsAreRefusedStoreCloses() throws Exception {
    TestServer s =
        new TestServer(
            ServerConfig.builder().port(0).consistencyTimeout(Duration.ofSeconds(20)).build(),
            dev.warden.api.DecisionLog.NONE);
    int port = s.server.port();
    long next = s.warden.revision() + 1;
    // waits in the server until the revision exists: a request that is in flight during close()
    String body =
        TestServer.check("User:kate", "read", "Repository:late")
            .replace("}}", "},\"consistency\":{\"at_least\":" + next + "}}");
    CompletableFuture<HttpResponse<String>> inFlight =
        s.http.sendAsync(
            s.request("/v1/check", s.checker)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    await().atMost(10, TimeUnit.SECONDS).until(() -> s.server.inFlight() == 1);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(s::close);
    await()
        .atMost(10, TimeUnit.SECONDS)
        .untilAsserted(
            () ->
                assertThatThrownBy(
                        () -> new Socket(java.net.InetAddress.getLoopbackAddress(), port).close())
                    .isInstanceOf(ConnectException.class));
    assertThat(closing).isNotDone();
    assertThat(inFlight).isNotDone();

    s.warden.grant("Repository:late#contributor@User:kate");
    HttpResponse<String> r = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"allowed\":true");
    closing.get(15, TimeUnit.SECONDS);
    assertThatThrownBy(() -> s.warden.grant("Repository:after#admin@User:kate"))
        .isInstanceOf(RuntimeException.class);
  }
}
