package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Grant;
import dev.warden.api.Mutation;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import dev.warden.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server over a real SQLite file: grants and policy versions written over HTTP survive a
 * restart, and the example seed is loaded only into an empty store.
 */
class DurableStoreTest {

  @TempDir Path dir;

  private ServerConfig config() {
    return ServerConfig.builder()
        .port(0)
        .store("sqlite")
        .db(dir.resolve("warden.db").toString())
        .build();
  }

  @Test
  void sqliteIsTheDefaultStoreInWardenDb() {
    assertThat(ServerConfig.defaults().store()).isEqualTo("sqlite");
    assertThat(ServerConfig.defaults().dbOrDefault()).isEqualTo("warden.db");
    assertThat(ServerConfig.defaults().audit()).isTrue();
  }

  @Test
  void grantsWrittenOverHttpSurviveARestartAndTheSeedIsNotLoadedTwice() {
    String grant = "Repository:w1#admin@User:xavier";
    try (TestServer s = new TestServer(config(), TestServer.backend(config()))) {
      assertThat(
              s.post(
                      "/v1/check",
                      s.checker,
                      TestServer.check("User:xavier", "read", "Repository:w1"))
                  .json()
                  .get("allowed")
                  .asBoolean())
          .isFalse();
      TestServer.Res w =
          s.post(
              "/v1/relationships/write",
              s.writer,
              "{\"updates\":[{\"operation\":\"create\",\"grant\":\"" + grant + "\"}]}");
      assertThat(w.status()).isEqualTo(200);
      // the seed's larry is deleted: a re-seed on restart would bring him back
      TestServer.Res d =
          s.post(
              "/v1/relationships/delete",
              s.writer,
              "{\"filter\":{\"resource_type\":\"Repository\",\"resource_id\":\"gmail\"}}");
      assertThat(d.status()).as(d.text()).isEqualTo(200);
    }
    Backend again = TestServer.backend(config());
    assertThat(again.seeded()).isFalse();
    try (TestServer s = new TestServer(config(), again)) {
      TestServer.Res r =
          s.post("/v1/check", s.checker, TestServer.check("User:xavier", "read", "Repository:w1"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().get("allowed").asBoolean()).isTrue();
      assertThat(
              s.post(
                      "/v1/check",
                      s.checker,
                      TestServer.check("User:larry", "read", "Repository:gmail"))
                  .json()
                  .get("allowed")
                  .asBoolean())
          .isFalse();
      assertThat(
              s.post(
                      "/v1/check",
                      s.checker,
                      TestServer.check("User:anne", "read", "Repository:react"))
                  .json()
                  .get("allowed")
                  .asBoolean())
          .isTrue();
    }
  }

  @Test
  void theFirstStartSeedsAnEmptyStore() {
    Backend b = TestServer.backend(config());
    try (TestServer s = new TestServer(config(), b)) {
      assertThat(b.seeded()).isTrue();
      assertThat(b.policyFromStore()).isFalse();
      assertThat(
              s.post(
                      "/v1/check",
                      s.checker,
                      TestServer.check("User:larry", "read", "Repository:gmail"))
                  .json()
                  .get("allowed")
                  .asBoolean())
          .isTrue();
    }
  }

  @Test
  void anActivatedPolicyIsStoredAndWinsOverTheFileOnRestart() throws Exception {
    // the same policy but contributors may push: graham (contributor on oso) tells them apart
    String changed =
        TestServer.source()
            .replace(
                "\"push\" if \"maintainer\" and not resource.archived;",
                "\"push\" if \"contributor\";");
    assertThat(changed).isNotEqualTo(TestServer.source());
    try (TestServer s = new TestServer(config(), TestServer.backend(config()))) {
      assertThat(s.get("/v1/policy", s.admin).json().get("version").asInt()).isEqualTo(1);
      assertThat(
              s.post(
                      "/v1/check",
                      s.checker,
                      TestServer.check("User:graham", "push", "Repository:oso"))
                  .json()
                  .get("allowed")
                  .asBoolean())
          .isFalse();
      TestServer.Res put =
          s.put(
              "/v1/policy",
              s.admin,
              TestServer.JSON.writeValueAsString(
                  TestServer.JSON.createObjectNode().put("source", changed)));
      assertThat(put.status()).as(put.text()).isEqualTo(200);
      assertThat(put.json().get("version").asInt()).isEqualTo(2);
    }
    Backend again = TestServer.backend(config());
    assertThat(again.policyFromStore()).isTrue();
    try (TestServer s = new TestServer(config(), again)) {
      TestServer.Res p = s.get("/v1/policy", s.admin);
      assertThat(p.json().get("version").asInt()).isEqualTo(2);
      assertThat(p.json().get("source").asText()).isEqualTo(changed);
      assertThat(p.json().get("versions")).hasSize(2);
      assertThat(s.get("/v1/policy?version=1", s.admin).json().get("source").asText())
          .isEqualTo(TestServer.source());
      TestServer.Res r =
          s.post("/v1/check", s.checker, TestServer.check("User:graham", "push", "Repository:oso"));
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      assertThat(r.json().get("allowed").asBoolean()).isTrue();
    }
  }

  @Test
  void anExistingStoreWhoseGrantsWereAllDeletedIsNotSeeded() {
    // Written and emptied again by hand (no policy saved yet): its owner revoked what it held.
    Grant larry = Grant.parse("Repository:gmail#maintainer@User:larry");
    try (SqliteStore store = SqliteStore.open(dir.resolve("warden.db"))) {
      store.write(WriteBatch.touch(List.of(larry)));
      store.write(new WriteBatch(List.of(new Mutation.Delete(larry)), List.of()));
    }
    Backend b = TestServer.backend(config());
    try (TestServer s = new TestServer(config(), b)) {
      assertThat(b.seeded()).isFalse();
      assertThat(
              s.post(
                      "/v1/check",
                      s.checker,
                      TestServer.check("User:larry", "read", "Repository:gmail"))
                  .json()
                  .get("allowed")
                  .asBoolean())
          .isFalse();
    }
  }

  @Test
  void anEmptyWardenDbFileIsRefusedNotSeeded() throws Exception {
    // e.g. a copy of warden.db taken without its -wal file
    Path file = Files.createFile(dir.resolve("warden.db"));
    assertThatThrownBy(() -> TestServer.backend(config()))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("`" + file + "` is not a Warden database");
    assertThat(Files.size(file)).isZero();
  }

  @Test
  void aPolicyFileWithoutResourceTypesIsRefusedBeforeTheStoreIsCreated() {
    for (String empty : new String[] {"", "actor User {}\n"}) {
      assertThatThrownBy(
              () ->
                  Backend.open(
                      config(), new dev.warden.lang.SourceFile("empty.warden", empty), w -> {}))
          .isInstanceOf(WardenException.class)
          .hasMessageContaining("`empty.warden`")
          .hasMessageContaining("declares no resource type");
      assertThat(dir.resolve("warden.db")).doesNotExist();
    }
  }

  @Test
  void aStartWhoseSeedFailedSeedsAgainNextTime() {
    // The first start created the file, then its seed failed: nothing was written, no policy
    // saved. The store never held anything, so the next start may still seed it.
    assertThatThrownBy(
            () ->
                Backend.open(
                    config(),
                    new dev.warden.lang.SourceFile("policy.warden", TestServer.source()),
                    w -> w.grant("Repository:gmail#maintainr@User:larry")))
        .isInstanceOf(WardenException.class);
    Backend b = TestServer.backend(config());
    try (TestServer s = new TestServer(config(), b)) {
      assertThat(b.seeded()).isTrue();
      assertThat(
              s.post(
                      "/v1/check",
                      s.checker,
                      TestServer.check("User:larry", "read", "Repository:gmail"))
                  .json()
                  .get("allowed")
                  .asBoolean())
          .isTrue();
    }
  }

  @Test
  void postgresNeedsAJdbcUrl() {
    ServerConfig pg = ServerConfig.builder().store("postgres").build();
    assertThatThrownBy(() -> StoreFactory.open(pg))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("jdbc:postgresql://");
  }

  @Test
  void anUnknownStoreIsRefusedByName() {
    assertThatThrownBy(() -> StoreFactory.open(ServerConfig.builder().store("redis").build()))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("`redis`");
  }
}
