package dev.warden.importer.openfga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Grant;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenFGA tuple files become Warden grants, or diagnostics that say where and why. */
class OpenFgaTuplesTest {

  private static final Policy POLICY =
      OpenFgaModelImporter.importModel(
              new SourceFile(
                  "m.fga",
                  """
                  model
                    schema 1.1
                  type user
                  type group
                    relations
                      define member: [user, group#member]
                  type document
                    relations
                      define viewer: [user, user:*, group#member]
                      define can_view: viewer
                  """))
          .policy();

  private static TupleImport read(String name, String text) {
    return OpenFgaTuples.read(new SourceFile(name, text), POLICY);
  }

  @Test
  void jsonListBecomesGrantsOfEveryUserShape() {
    TupleImport r =
        read(
            "t.json",
            """
            [{"user": "user:anne", "relation": "viewer", "object": "document:1"},
             {"user": "group:eng#member", "relation": "viewer", "object": "document:1"},
             {"user": "user:*", "relation": "viewer", "object": "document:pub"}]
            """);
    assertThat(r.render()).isEmpty();
    assertThat(r.grants())
        .containsExactly(
            Grant.parse("Document:1#viewer@User:anne"),
            Grant.parse("Document:1#viewer@Group:eng#member"),
            Grant.parse("Document:pub#viewer@User:*"));
  }

  @Test
  void yamlStoreFileTuplesKeyIsReadAndOtherKeysSkipped() {
    TupleImport r =
        read(
            "store.fga.yaml",
            """
            name: drive
            model_file: ./model.fga
            tuples:
              - user: group:eng#member
                relation: member
                object: group:all
            tests: []
            """);
    assertThat(r.render()).isEmpty();
    assertThat(r.grants()).containsExactly(Grant.parse("Group:all#member@Group:eng#member"));
  }

  @Test
  void jsonObjectWithTuplesAndAConditionKeepsTheCondition() {
    TupleImport r =
        OpenFgaTuples.read(
            new SourceFile(
                "t.json",
                """
                {"tuples": [{"user": "user:anne", "relation": "viewer", "object": "document:1",
                  "condition": {"name": "in_time", "context": {"n": 3}}}]}
                """),
            POLICY);
    // The model declares no condition, so the grant does not fit it: refused, at the tuple.
    assertThat(r.grants()).isEmpty();
    assertThat(r.diagnostics()).hasSize(1);
    assertThat(r.diagnostics().get(0).code()).isEqualTo("FGA304");
    assertThat(r.diagnostics().get(0).span().toString()).isEqualTo("1:13");
  }

  @Test
  void aTupleForAConditionedOnlyRestrictionMustCarryTheCondition() {
    Policy conditioned =
        OpenFgaModelImporter.importModel(
                new SourceFile(
                    "c.fga",
                    """
                    model
                      schema 1.1
                    type user
                    type document
                      relations
                        define viewer: [user with small]
                    condition small(n: int) {
                      n < 10
                    }
                    """))
            .policy();
    TupleImport r =
        OpenFgaTuples.read(
            new SourceFile(
                "t.json",
                """
                [{"user": "user:anne", "relation": "viewer", "object": "document:1",
                  "condition": {"name": "small", "context": {"n": 3}}},
                 {"user": "user:bob", "relation": "viewer", "object": "document:1"}]
                """),
            conditioned);
    assertThat(r.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo("FGA304");
              assertThat(d.span().line()).isEqualTo(3);
              assertThat(d.message())
                  .contains("only with condition `small`, and the grant has none");
            });
  }

  @Test
  void oneBadTupleMeansNoGrantsAndEachBadTupleIsReportedWithItsPosition() {
    TupleImport r =
        read(
            "t.yaml",
            """
            - user: user:anne
              relation: viewer
              object: document:1
            - user: anne
              relation: viewer
              object: document:2
            - user: user:bob
              relation: owner
              object: document:3
            - user: user:carl
              relation: viewer
              objekt: document:4
            """);
    assertThat(r.grants()).isEmpty();
    assertThat(r.diagnostics())
        .extracting(d -> d.code() + " " + d.span())
        .containsExactly("FGA303 4:9", "FGA304 7:3", "FGA302 10:3", "FGA302 12:3");
    assertThat(r.render().get(0))
        .startsWith("t.yaml:4:9: error[FGA303]: `anne` is not an OpenFGA user")
        .contains("  | - user: anne\n  |         ^^^^\n  = hint: OpenFGA spells users");
    assertThat(r.render().get(1)).contains("`Document` has no role or relation `owner`");
    assertThat(r.render().get(3)).contains("unknown tuple field `objekt`");
  }

  @Test
  void syntaxErrorsAndWrongShapesAreDiagnosticsNotExceptions() {
    assertThat(read("t.json", "[{\"user\": \"user:a\",}]").diagnostics())
        .extracting(d -> d.code() + " " + d.span())
        .containsExactly("FGA301 1:20");
    assertThat(read("t.json", "{\"writes\": []}").diagnostics())
        .extracting(d -> d.code() + " " + d.span())
        .containsExactly("FGA302 1:14");
    assertThat(
            read("t.json", "[{\"user\": 1, \"relation\": \"viewer\", \"object\": \"document:1\"}]")
                .render())
        .containsExactly(
            """
            t.json:1:11: error[FGA302]: `user` must be a string
              | [{"user": 1, "relation": "viewer", "object": "document:1"}]
              |           ^
              = hint: a tuple is `{user: "user:anne", relation: "viewer", object: "document:1"}`\
            """);
    assertThat(read("t.json", "[\"document:1#viewer@user:anne\"]").diagnostics()).hasSize(1);
    // A quoted JSON value is underlined with its quotes.
    assertThat(
            read(
                    "t.json",
                    "[{\"user\": \"user:a b\", \"relation\": \"viewer\", \"object\": \"x\"}]")
                .diagnostics())
        .extracting(d -> d.code() + " " + d.span() + " " + d.span().length())
        .containsExactly("FGA303 1:11 10", "FGA303 1:55 3");
  }

  @Test
  void singleTupleConversionNeedsNoPolicy() {
    assertThat(OpenFgaTuples.grant("user:*", "viewer", "document:x", null))
        .isEqualTo(Grant.parse("Document:x#viewer@User:*"));
    assertThat(OpenFgaTuples.openFga("Document", "x")).isEqualTo("document:x");
    assertThat(List.of(OpenFgaTuples.subject("group:g#member").toString()))
        .containsExactly("Group:g#member");
  }
}
