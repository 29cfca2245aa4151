package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code warden test} over OpenFGA {@code *.fga.yaml} files and SpiceDB validation files. */
class ForeignTestFilesTest {

  static final String FGA_MODEL =
      """
      model: |
        model
          schema 1.1
        type user
        type group
          relations
            define member: [user]
        type doc
          relations
            define viewer: [user, group#member]
      tuples:
        - user: user:anne
          relation: viewer
          object: doc:1
      """;

  static final String SPICEDB_SCHEMA =
      """
      schema: |-
        definition user {}
        definition doc {
          relation viewer: user
          permission view = viewer
        }
      relationships: |-
        doc:1#viewer@user:anne
      """;

  @Test
  void theOpenFgaExamplePasses() {
    CliRun r = CliRun.of("test", "../examples/openfga/store.fga.yaml");
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("9 passed, 0 failed\n");
    assertThat(r.status()).isZero();
  }

  @Test
  void theSpiceDbExamplePasses() {
    CliRun r = CliRun.of("test", "../examples/spicedb/validation.yaml");
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("6 passed, 0 failed\n");
    assertThat(r.status()).isZero();
  }

  @Test
  void aPassingOpenFgaFileCountsEveryRelationAsserted(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "ok.fga.yaml",
            FGA_MODEL
                + """
                tests:
                  - name: viewers
                    tuples:
                      - { user: user:bob, relation: member, object: group:eng }
                      - { user: group:eng#member, relation: viewer, object: doc:2 }
                    check:
                      - user: user:bob
                        object: doc:2
                        assertions: { viewer: true }
                      - users: [user:anne, user:bob]
                        object: doc:1
                        assertions: { viewer: true }
                    list_objects:
                      - { user: user:bob, type: doc, assertions: { viewer: [doc:2] } }
                    list_users:
                      - object: doc:1
                        user_filter: [{ type: user }]
                        assertions: { viewer: { users: [user:anne] } }
                  - name: tests do not share their tuples
                    check:
                      - user: user:bob
                        object: doc:2
                        assertions: { viewer: false }
                """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.err()).isEmpty();
    // doc:1 is not viewable by bob: one of the two users of the second check fails
    assertThat(r.out())
        .isEqualTo(
            file
                + ":26: [viewers] check User:bob viewer Doc:1 is allowed: expected allowed, got"
                + " denied\n"
                + "    ✗ Doc:1#viewer\n"
                + "      ✗ grants of Doc:1#viewer — no grant reaches User:bob\n"
                + "5 passed, 1 failed\n");
    assertThat(r.status()).isEqualTo(1);
  }

  @Test
  void aFailingOpenFgaFileNamesEachFailureWithItsLine(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "fail.fga.yaml",
            FGA_MODEL
                + """
                tests:
                  - name: viewers
                    check:
                      - user: user:anne
                        object: doc:1
                        assertions:
                          viewer: true
                      - user: user:bob
                        object: doc:1
                        assertions:
                          viewer: true
                    list_objects:
                      - user: user:anne
                        type: doc
                        assertions:
                          viewer: [doc:1, doc:2]
                """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.out())
        .isEqualTo(
            file
                + ":25: [viewers] check User:bob viewer Doc:1 is allowed: expected allowed, got"
                + " denied\n"
                + "    ✗ Doc:1#viewer\n"
                + "      ✗ grants of Doc:1#viewer — no grant reaches User:bob\n"
                + file
                + ":30: [viewers] lookup_resources User:anne viewer Doc: expected [1, 2], got"
                + " [1]\n"
                + "1 passed, 2 failed\n");
    assertThat(r.status()).isEqualTo(1);
  }

  @Test
  void aUsersetActorIsAskedAndWhatWardenCannotAskFailsWithTheReason(@TempDir Path dir)
      throws IOException {
    Path file =
        write(
            dir,
            "usersets.fga.yaml",
            FGA_MODEL
                + """
                tests:
                  - name: usersets
                    check:
                      - user: group:eng#member
                        object: doc:1
                        assertions:
                          viewer: false
                    list_users:
                      - object: doc:1
                        user_filter:
                          - type: group
                            relation: member
                        assertions:
                          viewer:
                            users: []
                """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.out())
        .isEqualTo(
            file
                + ":28: [usersets] list_users doc:1 viewer group#member: Warden cannot ask this"
                + " yet: a userset filter (`group#member`): Warden lists entities, not usersets\n"
                + "1 passed, 1 failed\n");
    assertThat(r.status()).isEqualTo(1);
  }

  @Test
  void aModelThatDoesNotImportIsMalformedAtItsLineInTheTestFile(@TempDir Path dir)
      throws IOException {
    Path file =
        write(
            dir,
            "bad.fga.yaml",
            """
            model: |
              model
                schema 1.1
              type user
              type doc
                relations
                  define viewer: [usr]
            tests:
              - name: t
                check:
                  - { user: user:anne, object: doc:1, assertions: { viewer: true } }
            """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEqualTo("0 passed, 0 failed\n");
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + file
                + ":1:1: the OpenFGA model was not imported\n"
                + file
                + ":7:23: error[P301]: unknown type `Usr`\n"
                + "  |       define viewer: [usr]\n"
                + "  |                       ^^^\n"
                + "  = hint: declare it with `actor Usr {}` or `resource Usr {}`\n\n");
  }

  @Test
  void anUnknownKeyInAnOpenFgaFileIsMalformed(@TempDir Path dir) throws IOException {
    Path file = write(dir, "bad.fga.yaml", FGA_MODEL + "tests: []\nextra: 1\n");
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: " + file + ":16:1: unknown key `extra`");
  }

  @Test
  void aTupleTheModelRefusesIsReportedAtItsLine(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "bad.fga.yaml",
            FGA_MODEL
                + """
                tests:
                  - name: t
                    tuples:
                      - { user: user:anne, relation: owner, object: doc:1 }
                    check:
                      - { user: user:anne, object: doc:1, assertions: { viewer: true } }
                """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: " + file + ":18:9: ");
  }

  @Test
  void aFailingSpiceDbFileNamesEachFailureWithItsLine(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "fail.yaml",
            SPICEDB_SCHEMA
                + """
                assertions:
                  assertTrue:
                    - doc:1#view@user:anne
                    - doc:1#view@user:bob
                  assertFalse:
                    - doc:1#view@user:anne
                validation:
                  doc:1#view:
                    - "[user:anne] is <doc:1#viewer>"
                    - "[user:carl] is <doc:1#viewer>"
                """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo(
            file
                + ":12: [assertions] check User:bob view Doc:1 is allowed: expected allowed, got"
                + " denied\n"
                + "    ✗ Doc:1#view\n"
                + "      ✗ \"view\" if \"viewer\"\n"
                + "        ✗ Doc:1#viewer\n"
                + "          ✗ grants of Doc:1#viewer — no grant reaches User:bob\n"
                + file
                + ":14: [assertions] check User:anne view Doc:1 is denied: expected denied, got"
                + " allowed\n"
                + "    ✓ Doc:1#view\n"
                + "      ✓ \"view\" if \"viewer\"\n"
                + "        ✓ Doc:1#viewer\n"
                + "          ✓ grants of Doc:1#viewer\n"
                + "            ✓ Doc:1#viewer@User:anne\n"
                + file
                + ":16: [validation] lookup_subjects Doc:1 view User: expected [anne, carl], got"
                + " [anne]\n"
                + "1 passed, 3 failed\n");
    assertThat(r.status()).isEqualTo(1);
  }

  @Test
  void aSpiceDbUsersetSubjectIsAskedAndACaveatedExpectationFailsWithItsReason(@TempDir Path dir)
      throws IOException {
    Path file =
        write(
            dir,
            "usersets.yaml",
            SPICEDB_SCHEMA
                + """
                assertions:
                  assertTrue:
                    - doc:1#view@doc:1#viewer
                validation:
                  doc:1#view:
                    - "[user:anne[...]] is <doc:1#viewer>"
                """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.out())
        .isEqualTo(
            file
                + ":13: [validation] validation doc:1#view: Warden cannot ask this yet: a caveated"
                + " subject (`user:anne[...]`): Warden lists subjects without conditions\n"
                + "1 passed, 1 failed\n");
    assertThat(r.status()).isEqualTo(1);
  }

  @Test
  void spiceDbCaveatsAreAskedWithTheirContext(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "caveats.yaml",
            """
            schema: |-
              caveat small(amount int) {
                amount < 10
              }
              definition user {}
              definition doc {
                relation viewer: user
                permission view = viewer
              }
            relationships: |-
              doc:1#viewer@user:anne[small]
            assertions:
              assertTrue:
                - 'doc:1#view@user:anne with {"amount": 3}'
              assertFalse:
                - 'doc:1#view@user:anne with {"amount": 30}'
              assertCaveated:
                - doc:1#view@user:anne
            """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("3 passed, 0 failed\n");
    assertThat(r.status()).isZero();
  }

  @Test
  void badRelationshipsAreEachReportedAtTheirLineAndNothingRuns(@TempDir Path dir)
      throws IOException {
    Path file =
        write(
            dir,
            "bad.yaml",
            """
            schema: |-
              definition user {}
              definition doc {
                relation viewer: user
              }
            relationships: |-
              doc:1#viewer@user:anne
              doc:1#viewer@user:bob[expiration:2025-01-01T00:00:00Z]
              doc:1#viewer user:carl
            assertions:
              assertTrue:
                - doc:1#viewer@user:anne
            """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEqualTo("0 passed, 0 failed\n");
    assertThat(r.err())
        .startsWith("error: " + file + ":6:1: the relationships were not imported\n")
        .contains(file + ":8:24: error[SDB210]: expiring relationships are not imported\n")
        .contains(file + ":9:3: error[SDB110]: relationship has no `@` before its subject\n");
  }

  @Test
  void unreadableFilesExitTwo(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("missing.fga.yaml");
    Path file =
        write(dir, "ref.fga.yaml", "model_file: nowhere.fga\ntests:\n  - name: t\n    check: []\n");
    CliRun r = CliRun.of("test", missing.toString(), file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEqualTo("0 passed, 0 failed\n");
    assertThat(r.err())
        .isEqualTo(
            "error: cannot read `"
                + missing
                + "`: no such file\n"
                + "error: cannot read `"
                + dir.resolve("nowhere.fga")
                + "`: no such file\n");
  }

  @Test
  void anEmptyOpenFgaFileIsOpenFgasError(@TempDir Path dir) throws IOException {
    Path file = write(dir, "empty.fga.yaml", "");
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("error: " + file + ":1:1: an OpenFGA test file must be a mapping\n");
  }

  @Test
  void aYamlFileOfNoKnownFormatIsAPreciseError(@TempDir Path dir) throws IOException {
    Path file = write(dir, "what.yaml", "foo: 1\nbar: 2\n");
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + file
                + ":1:1: not a test file Warden reads: a Warden test file has `policy` or"
                + " `policy_file`, a SpiceDB validation file `schema` or `schemaFile`, and an"
                + " OpenFGA test file is named `*.fga.yaml`\n");
  }

  @Test
  void junitCoversEveryFormat(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("report.xml");
    CliRun r =
        CliRun.of(
            "test",
            "../examples/openfga/store.fga.yaml",
            "../examples/spicedb/validation.yaml",
            "../examples/quickstart/policy_test.yaml",
            "--junit",
            report.toString());
    assertThat(r.status()).isZero();
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
    NodeList suites = doc.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(3);
    assertThat(((Element) suites.item(0)).getAttribute("tests")).isEqualTo("9");
    assertThat(((Element) suites.item(1)).getAttribute("tests")).isEqualTo("6");
    assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("29");
    assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
  }

  @Test
  void junitReportsForeignFailures(@TempDir Path dir) throws Exception {
    Path file =
        write(
            dir,
            "f.yaml",
            SPICEDB_SCHEMA + "assertions:\n  assertTrue:\n    - doc:1#view@user:bob\n");
    Path report = dir.resolve("report.xml");
    CliRun r = CliRun.of("test", file.toString(), "--junit", report.toString());
    assertThat(r.status()).isEqualTo(1);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
    Element tc = (Element) doc.getElementsByTagName("testcase").item(0);
    assertThat(tc.getAttribute("line")).isEqualTo("11");
    assertThat(tc.getAttribute("name"))
        .isEqualTo("assertions: check User:bob view Doc:1 is allowed");
    Element failure = (Element) tc.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).isEqualTo("expected allowed, got denied");
  }

  static Path write(Path dir, String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
