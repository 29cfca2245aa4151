package dev.warden.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Warden;
import dev.warden.api.AuthorizedUsers;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.Decision;
import dev.warden.api.DecisionLog;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.Grant;
import dev.warden.api.GrantFilter;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupResourcesResult;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.LookupSubjectsResult;
import dev.warden.api.Mutation;
import dev.warden.api.Page;
import dev.warden.api.Precondition;
import dev.warden.api.SubjectRef;
import dev.warden.api.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every client method against the real server over loopback HTTP. The server's engine is in this
 * JVM, so each answer is compared with what the embedded engine says over the very same data.
 */
class WardenClientEndToEndTest {

  static LiveServer s;
  static WardenClient client;
  static WardenClient writer;
  static WardenClient admin;

  @BeforeAll
  static void start() {
    Warden w =
        Warden.builder()
            .policy(LiveServer.repoRoot().resolve("examples/full/policy.warden"))
            .options(LiveServer.config().engineOptions())
            .build();
    w.grant(
        "Repository:gmail#admin@User:larry",
        "Repository:react#maintainer@User:anne",
        "Repository:oso#contributor@User:graham",
        "Group:eng#member@User:bob",
        "Group:all#member@Group:eng#member",
        "Repository:oso#contributor@Group:all#member",
        "Repository:OPAL#tenant@Tenant:acme",
        "Tenant:acme#admin@User:tina",
        "Repository:child#parent@Repository:gmail",
        "Repository:dated#admin@User:carol [before {\"deadline\":\"2026-12-31T00:00:00Z\"}]");
    w.setAttributes(EntityRef.of("Repository", "pub"), Map.of("is_public", true));
    w.setAttributes(EntityRef.of("Repository", "react"), Map.of("archived", true));
    s =
        new LiveServer(
            w,
            LiveServer.read("examples/full/policy.warden"),
            LiveServer.config(),
            DecisionLog.NONE);
    client = s.client(s.checker);
    writer = s.client(s.writer);
    admin = s.client(s.admin);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static List<CheckRequest> questions() {
    List<CheckRequest> rs = new ArrayList<>();
    for (String actor :
        List.of(
            "User:larry",
            "User:anne",
            "User:graham",
            "User:bob",
            "User:tina",
            "User:carol",
            "User:nobody")) {
      for (String action : List.of("read", "push", "delete", "admin", "contributor")) {
        for (String repo :
            List.of("gmail", "react", "oso", "OPAL", "child", "pub", "dated", "nothing")) {
          rs.add(CheckRequest.of(actor, action, "Repository:" + repo));
        }
      }
    }
    rs.add(
        CheckRequest.builder(
                EntityRef.of("User", "zoe"), "read", EntityRef.of("Repository", "ledger"))
            .actorAttributes(Map.of("department", "finance"))
            .context(Map.of("ip", "10.1.2.3"))
            .build());
    rs.add(
        CheckRequest.builder(
                EntityRef.of("User", "carol"), "delete", EntityRef.of("Repository", "dated"))
            .context(Map.of("now", "2026-06-01T00:00:00Z"))
            .build());
    rs.add(
        CheckRequest.builder(
                EntityRef.of("User", "carol"), "delete", EntityRef.of("Repository", "dated"))
            .context(Map.of("now", java.time.Instant.parse("2027-06-01T00:00:00Z")))
            .build());
    rs.add(
        CheckRequest.builder(
                EntityRef.of("User", "tina"), "delete", EntityRef.of("Repository", "OPAL"))
            .tenant("acme")
            .build());
    rs.add(
        CheckRequest.builder(
                EntityRef.of("User", "tina"), "delete", EntityRef.of("Repository", "NEW"))
            .tenant("acme")
            .build());
    rs.add(
        CheckRequest.builder(
                EntityRef.of("User", "sam"), "push", EntityRef.of("Repository", "react"))
            .contextualGrant(Grant.parse("Repository:react#maintainer@User:sam"))
            .resourceAttributes(Map.of("archived", false))
            .build());
    return rs;
  }

  @Test
  void checkAnswersAsTheEmbeddedEngineDoes() {
    int allowed = 0;
    for (CheckRequest r : questions()) {
      Decision remote = client.check(r);
      Decision local = s.warden.check(r);
      assertThat(remote).as(r.toString()).isEqualTo(local);
      allowed += remote.allowed() ? 1 : 0;
    }
    // The data is rich enough that both answers occur plenty.
    assertThat(allowed).isBetween(20, questions().size() - 20);
  }

  @Test
  void justInTimeDataChangesTheAnswer() {
    CheckRequest finance = questions().get(questions().size() - 6);
    assertThat(client.check(finance).allowed()).isTrue();
    CheckRequest outside =
        CheckRequest.builder(finance.actor(), "read", finance.resource())
            .actorAttributes(finance.actorAttributes())
            .context(Map.of("ip", "192.168.1.1"))
            .build();
    assertThat(client.check(outside).allowed()).isFalse();
    CheckRequest beforeDeadline = questions().get(questions().size() - 5);
    CheckRequest afterDeadline = questions().get(questions().size() - 4);
    assertThat(client.check(beforeDeadline).allowed()).isTrue();
    assertThat(client.check(afterDeadline).allowed()).isFalse();
    CheckRequest contextual = questions().get(questions().size() - 1);
    assertThat(client.check(contextual).allowed()).isTrue();
  }

  @Test
  void checkBulkAnswersInOrderAndSplitsLongBulks() {
    List<CheckRequest> rs = new ArrayList<>();
    while (rs.size() < 2 * WardenClient.MAX_BULK + 300) {
      rs.addAll(questions());
    }
    List<Decision> remote = client.checkBulk(rs);
    assertThat(remote).hasSize(rs.size()).isEqualTo(s.warden.checkBulk(rs));
    assertThat(client.checkBulk(List.of())).isEmpty();
  }

  @Test
  void explainGivesTheEmbeddedTree() {
    for (CheckRequest r : questions()) {
      assertThat(client.explain(r)).as(r.toString()).isEqualTo(s.warden.explain(r));
    }
    assertThat(
            client
                .explain(CheckRequest.of("User:larry", "read", "Repository:gmail"))
                .root()
                .render())
        .contains("Repository:gmail#admin@User:larry");
  }

  @Test
  void lookupResourcesPagesAsTheEmbeddedEngineDoes() {
    for (String actor : List.of("User:larry", "User:bob", "User:tina", "User:nobody")) {
      LookupResourcesRequest q =
          LookupResourcesRequest.of(EntityRef.parse(actor), "read", "Repository").page(null, 1);
      String cursor = null;
      int pages = 0;
      do {
        LookupResourcesResult remote = client.lookupResources(q.page(cursor, 1));
        assertThat(remote).isEqualTo(s.warden.lookupResources(q.page(cursor, 1)));
        cursor = remote.nextCursor();
        pages++;
      } while (cursor != null);
      assertThat(pages).isPositive();
      LookupResourcesRequest residual = q.page(null, 100).withResidual();
      assertThat(client.lookupResources(residual)).isEqualTo(s.warden.lookupResources(residual));
      LookupResourcesRequest acme = q.page(null, 100).inTenant("acme");
      assertThat(client.lookupResources(acme)).isEqualTo(s.warden.lookupResources(acme));
    }
    LookupResourcesResult larry =
        client.lookupResources(
            LookupResourcesRequest.of(EntityRef.of("User", "larry"), "read", "Repository"));
    assertThat(larry.ids()).contains("gmail", "child", "pub");
    LookupResourcesResult withResidual =
        client.lookupResources(
            LookupResourcesRequest.of(EntityRef.of("User", "larry"), "read", "Repository")
                .withResidual());
    assertThat(withResidual.residual()).isNotNull();
    assertThat(withResidual.residual().cel()).contains("is_public");
  }

  @Test
  void lookupSubjectsAndAuthorizedUsersMatchTheEmbeddedEngine() {
    List<LookupSubjectsRequest> qs = new ArrayList<>();
    for (String repo : List.of("gmail", "react", "oso", "OPAL", "child", "pub", "dated")) {
      for (String action : List.of("read", "delete")) {
        qs.add(LookupSubjectsRequest.of(action, EntityRef.of("Repository", repo), "User"));
      }
    }
    qs.add(LookupSubjectsRequest.ofType("read", "Repository", "User").inTenant("acme"));
    qs.add(
        LookupSubjectsRequest.of("read", EntityRef.of("Repository", "OPAL"), "User")
            .inTenant("acme"));
    qs.add(LookupSubjectsRequest.of("member", EntityRef.of("Group", "all"), "User"));
    for (LookupSubjectsRequest q : qs) {
      LookupSubjectsResult remote = client.lookupSubjects(q);
      assertThat(remote).as(q.toString()).isEqualTo(s.warden.lookupSubjects(q));
      AuthorizedUsers users = client.authorizedUsers(q);
      assertThat(users).as(q.toString()).isEqualTo(s.warden.authorizedUsers(q));
    }
    LookupSubjectsResult dated =
        client.lookupSubjects(
            LookupSubjectsRequest.of("delete", EntityRef.of("Repository", "dated"), "User"));
    // The conditional grant comes back with its condition and parameters intact.
    assertThat(dated.subjects()).hasSize(1);
    Grant g = dated.subjects().get(0).grants().get(0);
    assertThat(g.condition().name()).isEqualTo("before");
    assertThat(g.condition().context()).containsEntry("deadline", "2026-12-31T00:00:00Z");
    assertThat(client.authorizedUsers(qs.get(qs.size() - 3)).users()).containsKey("tina");
  }

  @Test
  void asyncVariantsGiveTheSameAnswers() {
    CheckRequest r = CheckRequest.of("User:larry", "delete", "Repository:child");
    assertThat(client.checkAsync(r).join()).isEqualTo(client.check(r));
    assertThat(client.explainAsync(r).join()).isEqualTo(client.explain(r));
    List<CheckRequest> many = new ArrayList<>();
    while (many.size() < WardenClient.MAX_BULK + 10) {
      many.addAll(questions());
    }
    assertThat(client.checkBulkAsync(many).join()).isEqualTo(s.warden.checkBulk(many));
    LookupResourcesRequest lr =
        LookupResourcesRequest.of(EntityRef.of("User", "bob"), "read", "Repository");
    assertThat(client.lookupResourcesAsync(lr).join()).isEqualTo(client.lookupResources(lr));
    LookupSubjectsRequest ls =
        LookupSubjectsRequest.of("read", EntityRef.of("Repository", "oso"), "User");
    assertThat(client.lookupSubjectsAsync(ls).join()).isEqualTo(client.lookupSubjects(ls));
  }

  @Test
  void writeReadAndDeleteGrantsWithPreconditions() {
    Grant wendy = Grant.parse("Repository:w1#admin@User:wendy");
    long rev = writer.write(new WriteBatch(List.of(new Mutation.Create(wendy)), List.of()));
    assertThat(rev).isEqualTo(s.warden.revision());

    assertThatThrownBy(
            () -> writer.write(new WriteBatch(List.of(new Mutation.Create(wendy)), List.of())))
        .isInstanceOfSatisfying(
            WardenClientException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION_FAILED);
              assertThat(e.kind()).isEqualTo(WardenClientException.Kind.CONFLICT);
              assertThat(e.status()).isEqualTo(409);
            });
    GrantFilter w1 = new GrantFilter("Repository", "w1", null, null, null, null);
    WriteBatch guarded =
        WriteBatch.touch("Repository:w1#admin@User:xavier")
            .requiring(Precondition.mustNotMatch(w1));
    assertThatThrownBy(() -> writer.write(guarded))
        .isInstanceOfSatisfying(
            WardenClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION_FAILED));

    long rev2 =
        writer.write(
            WriteBatch.touch(
                    "Repository:w1#maintainer@User:xavier", "Repository:w1#contributor@User:yan")
                .requiring(Precondition.mustMatch(w1)));
    assertThat(rev2).isGreaterThan(rev);
    Page<Grant> first = writer.readRelationships(w1, null, 2);
    assertThat(first.items()).hasSize(2);
    assertThat(first.nextCursor()).isNotNull();
    assertThat(first).isEqualTo(s.warden.store().read(w1, null, 2));
    assertThat(writer.readAllRelationships(w1))
        .containsExactlyInAnyOrder(
            wendy,
            Grant.parse("Repository:w1#maintainer@User:xavier"),
            Grant.parse("Repository:w1#contributor@User:yan"));

    CheckRequest atLeast =
        CheckRequest.builder(
                EntityRef.of("User", "xavier"), "read", EntityRef.of("Repository", "w1"))
            .consistency(Consistency.atLeast(rev2))
            .build();
    assertThat(client.check(atLeast).allowed()).isTrue();

    long rev3 = writer.write(WriteBatch.delete(List.of(wendy)));
    assertThat(rev3).isGreaterThan(rev2);
    assertThat(client.check(CheckRequest.of("User:wendy", "delete", "Repository:w1")).allowed())
        .isFalse();
    long rev4 = writer.deleteMatching(w1);
    assertThat(rev4).isGreaterThan(rev3);
    assertThat(writer.readAllRelationships(w1)).isEmpty();
  }

  @Test
  void conditionalGrantsTravelBothWays() {
    Grant g =
        Grant.parse(
            "Repository:w2#admin@User:cody [before {\"deadline\":\"2030-01-01T00:00:00Z\"}]");
    writer.write(WriteBatch.touch(List.of(g)));
    GrantFilter w2 = new GrantFilter("Repository", "w2", null, null, null, null);
    assertThat(writer.readAllRelationships(w2)).containsExactly(g);
    assertThat(s.warden.store().read(w2, null, 10).items()).containsExactly(g);
  }

  @Test
  void entityAttributesWithAwkwardIds() {
    for (String id :
        List.of("a/b", "x+y", "p%20q", "ünï-çødé", "q?x=1&y=2", "semi;colon", "dots..")) {
      long rev = writer.setAttributes(EntityRef.of("Repository", id), Map.of("is_public", true));
      CheckRequest read =
          CheckRequest.builder(
                  EntityRef.of("User", "nobody"), "read", EntityRef.of("Repository", id))
              .consistency(Consistency.atLeast(rev))
              .build();
      assertThat(client.check(read).allowed()).as(id).isTrue();
      assertThat(s.warden.check(read).allowed()).as(id).isTrue();
    }
    writer.setAttributes(EntityRef.of("Repository", "a/b"), Map.of());
    assertThat(client.check(CheckRequest.of("User:nobody", "read", "Repository:a/b")).allowed())
        .isFalse();
  }

  @Test
  void aBatchTheHttpApiCannotTakeIsRefusedBeforeSending() {
    long before = s.warden.revision();
    WriteBatch mixed =
        new WriteBatch(
            List.of(
                new Mutation.Touch(Grant.parse("Repository:w3#admin@User:a")),
                new Mutation.SetAttributes(
                    EntityRef.of("Repository", "w3"), Map.of("is_public", true))),
            List.of());
    assertThatThrownBy(() -> writer.write(mixed))
        .isInstanceOfSatisfying(
            dev.warden.api.WardenException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
              assertThat(e.getMessage()).contains("split this batch");
            });
    assertThat(s.warden.revision()).isEqualTo(before);
    long rev =
        writer.write(
            WriteBatch.attributes(EntityRef.of("Repository", "w3"), Map.of("is_public", true)));
    assertThat(rev).isEqualTo(s.warden.revision());
  }

  @Test
  void policyReadValidateActivateAndVersions() {
    PolicyInfo current = admin.policy();
    assertThat(current.source()).isEqualTo(LiveServer.read("examples/full/policy.warden"));
    assertThat(current.versions()).isNotEmpty();
    admin.validatePolicy(current.source());
    assertThatThrownBy(
            () -> admin.validatePolicy("resource R { roles = [\"a\"]; \"a\" if \"nope\"; }"))
        .isInstanceOfSatisfying(
            WardenClientException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POLICY);
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.details()).isNotEmpty();
              assertThat(String.join("\n", e.details())).contains("nope");
            });
    // The same policy again (an added comment): a new version, the same answers for other tests.
    PolicyInfo next =
        admin.activatePolicy(current.source() + "\n# reactivated by the client test\n");
    assertThat(next.version().version()).isEqualTo(current.version().version() + 1);
    assertThat(next.versions()).isEmpty();
    assertThat(admin.policy(current.version().version()).source()).isEqualTo(current.source());
    assertThat(admin.policy().versions()).hasSize(next.version().version());
    assertThatThrownBy(() -> admin.policy(9999))
        .isInstanceOfSatisfying(
            WardenClientException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(WardenClientException.Kind.NOT_FOUND);
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.serverCode()).isEqualTo("not_found");
            });
  }

  @Test
  void subjectsComeBackAsUsersetsAndWildcardsToo() {
    writer.grant("Repository:w4#contributor@Group:eng#member", "Repository:w4#maintainer@User:*");
    LookupSubjectsRequest q =
        LookupSubjectsRequest.of("read", EntityRef.of("Repository", "w4"), "User");
    LookupSubjectsResult r = client.lookupSubjects(q);
    assertThat(r).isEqualTo(s.warden.lookupSubjects(q));
    assertThat(r.anySubject()).isTrue();
    assertThat(r.subjects()).extracting(a -> a.subject()).contains(SubjectRef.of("User", "bob"));
  }
}
