package dev.warden.bench;

import dev.warden.Warden;
import dev.warden.api.DecisionLog;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.SubjectRef;
import dev.warden.store.index.IndexLoader;
import dev.warden.store.index.RelationshipIndex;
import dev.warden.store.memory.MemoryStore;
import java.util.function.Consumer;

/** Builds the policies and data the benchmarks measure. */
final class Fixtures {

  /** Roles that imply each other, permissions from roles: the quickstart shape. */
  static final String RBAC =
      """
      actor User {}

      resource Repository {
        permissions = ["read", "push", "delete"];
        roles = ["contributor", "maintainer", "admin"];
        "maintainer" if "admin";
        "contributor" if "maintainer";
        "read" if "contributor";
        "push" if "maintainer";
        "delete" if "admin";
      }
      """;

  /** Nested groups, role implication and inheritance from a folder. */
  static final String GROUPS =
      """
      actor User {}

      actor Group {
        relations = { member: User | Group#member };
      }

      resource Folder {
        roles = ["viewer", "editor"];
        "viewer" if "editor";
      }

      resource Document {
        permissions = ["view", "edit"];
        roles = ["viewer", "editor"];
        relations = { parent: Folder };
        "viewer" if "editor";
        "viewer" if "viewer" on "parent";
        "editor" if "editor" on "parent";
        "view" if "viewer";
        "edit" if "editor";
      }
      """;

  private Fixtures() {}

  /** A Warden over an in-memory store whose index is bulk loaded by {@code grants}. */
  static Warden load(String policy, Consumer<Consumer<Grant>> grants) {
    return load(policy, DecisionLog.NONE, grants);
  }

  /** As {@link #load(String, Consumer)}, recording every check's decision in {@code log}. */
  static Warden load(String policy, DecisionLog log, Consumer<Consumer<Grant>> grants) {
    MemoryStore store = new MemoryStore();
    Warden w =
        Warden.builder().policy("bench.warden", policy).store(store).decisionLog(log).build();
    RelationshipIndex index = store.index();
    IndexLoader loader = index.loader();
    grants.accept(loader::add);
    loader.finish(1);
    return w;
  }

  static Grant grant(
      String type, String id, String relation, String subjectType, String subjectId) {
    return Grant.of(new EntityRef(type, id), relation, SubjectRef.of(subjectType, subjectId));
  }

  static Grant userset(String type, String id, String relation, String groupId) {
    return Grant.of(
        new EntityRef(type, id), relation, SubjectRef.userset("Group", groupId, "member"));
  }
}
