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

class TestCommandTest {

  static final String EXAMPLE = "../examples/quickstart/policy_test.yaml";

  static final String POLICY =
      """
      policy: |
        actor User {}
        resource Doc {
          permissions = ["read", "edit"];
          roles = ["viewer", "editor"];
          "viewer" if "editor";
          "read" if "viewer";
          "edit" if "editor";
        }
      grants:
        - Doc:a#viewer@User:ann
        - Doc:b#editor@User:bob
      """;

  @Test
  void theQuickstartExamplePasses() {
    CliRun r = CliRun.of("test", EXAMPLE);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("14 passed, 0 failed\n");
    assertThat(r.status()).isZero();
  }

  @Test
  void aPassingFileSaysHowManyAssertionsHeld(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "ok.yaml",
            POLICY
                + """
                tests:
                  - name: viewers read
                    check:
                      - { actor: User:ann, action: read, resource: Doc:a, allowed: true }
                      - { actor: User:ann, action: edit, resource: Doc:a, allowed: false }
                """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.out()).isEqualTo("2 passed, 0 failed\n");
    assertThat(r.status()).isZero();
  }

  @Test
  void aFailingCheckNamesItsLineAndExplainsTheDecision(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "fail.yaml",
            POLICY
                + """
                tests:
                  - name: viewers edit
                    check:
                      - { actor: User:ann, action: read, resource: Doc:a, allowed: true }
                      - { actor: User:ann, action: edit, resource: Doc:a, allowed: true }
                """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            file
                + ":17: [viewers edit] check User:ann edit Doc:a is allowed: expected allowed, got"
                + " denied\n"
                + "    ✗ Doc:a#edit\n"
                + "      ✗ \"edit\" if \"editor\"\n"
                + "        ✗ Doc:a#editor\n"
                + "          ✗ grants of Doc:a#editor — no grant reaches User:ann\n"
                + "1 passed, 1 failed\n");
  }

  @Test
  void lookupsPassAndFailWithExpectedAndGot(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "lookups.yaml",
            POLICY
                + """
                tests:
                  - name: lookups
                    lookup_resources:
                      - { actor: User:bob, action: read, resource_type: Doc, expect: [b] }
                      - { actor: User:bob, action: read, resource_type: Doc, expect: [a, b] }
                    lookup_subjects:
                      - { resource: Doc:b, action: read, subject_type: User, expect: [bob] }
                      - { resource: Doc:a, action: edit, subject_type: User, expect: [ann] }
                """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            file
                + ":17: [lookups] lookup_resources User:bob read Doc: expected [a, b], got [b]\n"
                + file
                + ":20: [lookups] lookup_subjects Doc:a edit User: expected [ann], got []\n"
                + "2 passed, 2 failed\n");
  }

  @Test
  void aTestsOwnGrantsDoNotLeakIntoTheNext(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "isolated.yaml",
            POLICY
                + """
                tests:
                  - name: with a grant
                    grants: [Doc:a#editor@User:ann]
                    check:
                      - { actor: User:ann, action: edit, resource: Doc:a, allowed: true }
                  - name: without it
                    check:
                      - { actor: User:ann, action: edit, resource: Doc:a, allowed: false }
                """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.out()).isEqualTo("2 passed, 0 failed\n");
    assertThat(r.status()).isZero();
  }

  @Test
  void anUnknownKeyIsMalformedWithItsLineAndColumn(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "bad.yaml",
            POLICY
                + """
                tests:
                  - name: typo
                    check:
                      - { actor: User:ann, action: read, resource: Doc:a, alowed: true }
                """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + file
                + ":16:59: unknown key `alowed`; expected one of actor, action, resource, context,"
                + " contextual_grants, allowed\n");
  }

  @Test
  void anUnknownTopLevelKeyInJsonIsMalformedToo(@TempDir Path dir) throws IOException {
    Path file = write(dir, "bad.json", "{\"policy\": \"actor User {}\",\n  \"test\": []}");
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: " + file + ":2:3: unknown key `test`");
  }

  @Test
  void aPolicyThatDoesNotCompileIsMalformedWithItsDiagnostics(@TempDir Path dir)
      throws IOException {
    Path file =
        write(
            dir,
            "policy.yaml",
            """
            policy: |
              actor User {}
              resource Doc { permissions = ["read"]; "read" if "viewer"; }
            tests:
              - name: any
                check: [{ actor: User:ann, action: read, resource: Doc:a, allowed: false }]
            """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(2);
    // The literal block is compiled where it stands: the diagnostic points into the test file.
    assertThat(r.err()).startsWith("error: policy `" + file + "` has 1 error\n");
    assertThat(r.err()).contains("unknown role or permission `viewer` on `Doc`");
    assertThat(r.err()).contains(" --> " + file + ":3:52\n");
    assertThat(r.err())
        .contains("3 |   resource Doc { permissions = [\"read\"]; \"read\" if \"viewer\"; }");
  }

  @Test
  void aGrantThePolicyRefusesIsMalformedAtItsLine(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "grant.yaml",
            POLICY
                + """
                tests:
                  - name: bad grant
                    grants: [Doc:a#read@User:ann]
                    check: [{ actor: User:ann, action: read, resource: Doc:a, allowed: true }]
                """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + file
                + ":15:14: grant `Doc:a#read@User:ann`: `read` is a permission of `Doc`; permissions are"
                + " computed by rules and cannot be granted, grant a role instead\n");
  }

  @Test
  void anActionThePolicyDoesNotDefineIsMalformedAtTheAssertion(@TempDir Path dir)
      throws IOException {
    Path file =
        write(
            dir,
            "action.yaml",
            POLICY
                + """
                tests:
                  - name: typo
                    check: [{ actor: User:ann, action: reed, resource: Doc:a, allowed: true }]
                """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: " + file + ":15:13: `Doc` has no permission");
  }

  @Test
  void junitXmlParsesBackWithOneCasePerAssertion(@TempDir Path dir) throws Exception {
    Path failing =
        write(
            dir,
            "fail.yaml",
            POLICY
                + """
                tests:
                  - name: "quotes \\" & <angles>"
                    check:
                      - { actor: User:ann, action: read, resource: Doc:a, allowed: true }
                      - { actor: User:ann, action: edit, resource: Doc:a, allowed: true }
                """);
    Path xml = dir.resolve("report.xml");
    CliRun r = CliRun.of("test", "--junit", xml.toString(), EXAMPLE, failing.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).endsWith("15 passed, 1 failed\n");

    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("tests")).isEqualTo("16");
    assertThat(root.getAttribute("failures")).isEqualTo("1");
    NodeList suites = doc.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(2);
    Element second = (Element) suites.item(1);
    assertThat(second.getAttribute("name")).isEqualTo(failing.toString());
    assertThat(second.getAttribute("tests")).isEqualTo("2");
    assertThat(second.getAttribute("failures")).isEqualTo("1");
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(16);
    NodeList failures = doc.getElementsByTagName("failure");
    assertThat(failures.getLength()).isEqualTo(1);
    Element failure = (Element) failures.item(0);
    assertThat(failure.getAttribute("message")).isEqualTo("expected allowed, got denied");
    assertThat(((Element) failure.getParentNode()).getAttribute("name"))
        .isEqualTo("quotes \" & <angles>: check User:ann edit Doc:a is allowed");
    assertThat(failure.getTextContent()).contains("grants of Doc:a#editor");
  }

  @Test
  void contextAttributesAndWildcardsAreTested(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "abac.yaml",
            """
            policy: |
              actor User { attributes = { department: string }; }
              resource Doc {
                permissions = ["read"];
                roles = ["viewer"];
                attributes = { is_public: bool };
                "read" if "viewer";
                "read" if resource.is_public;
                "read" if actor.department == "finance" && context.ip.startsWith("10.");
              }
            grants:
              - Doc:shared#viewer@User:*
            attributes:
              User:fay: { department: finance }
              Doc:open: { is_public: true }
            tests:
              - name: attributes and context
                check:
                  - { actor: User:fay, action: read, resource: Doc:a, context: { ip: 10.0.0.1 }, allowed: true }
                  - { actor: User:fay, action: read, resource: Doc:a, context: { ip: 192.168.0.1 }, allowed: false }
                  - { actor: User:gus, action: read, resource: Doc:open, allowed: true }
                lookup_subjects:
                  - { resource: Doc:shared, action: read, subject_type: User, expect: ["*", fay] }
            """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("4 passed, 0 failed\n");
    assertThat(r.status()).isZero();
  }

  @Test
  void jsonTestFilesHaveTheSameShape(@TempDir Path dir) throws IOException {
    write(dir, "p.warden", "actor User {}\nresource Doc { roles = [\"viewer\"]; }\n");
    Path file =
        write(
            dir,
            "t.json",
            """
            {"policy_file": "p.warden",
             "grants": ["Doc:a#viewer@User:ann"],
             "tests": [{"name": "json",
               "check": [{"actor": "User:ann", "action": "viewer", "resource": "Doc:a", "allowed": true}],
               "lookup_resources": [{"actor": "User:ann", "action": "viewer", "resource_type": "Doc", "expect": ["a"]}]}]}
            """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.out()).isEqualTo("2 passed, 0 failed\n");
    assertThat(r.status()).isZero();
  }

  @Test
  void aMissingPolicyFileIsMalformedAtItsKey(@TempDir Path dir) throws IOException {
    Path file = write(dir, "missing.yaml", "tests: []\npolicy_file: nowhere.warden\n");
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: " + file + ":2:1: cannot read policy `");
    assertThat(r.err()).endsWith("nowhere.warden`: no such file\n");
  }

  @Test
  void brokenYamlIsMalformedWithItsLineAndColumn(@TempDir Path dir) throws IOException {
    Path file = write(dir, "syntax.yaml", "policy: x\ntests: [ { name: a\n");
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: " + file + ":");
    assertThat(r.err()).matches("(?s)error: .*syntax\\.yaml:\\d+:\\d+: .*");
  }

  @Test
  void aMissingRequiredKeyIsNamed(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "required.yaml",
            POLICY
                + """
                tests:
                  - name: no verdict
                    check:
                      - { actor: User:ann, action: read, resource: Doc:a }
                """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: " + file + ":16:9: `check` needs `allowed`\n");
  }

  @Test
  void aMalformedFileStillLetsTheOthersRunButExitsTwo(@TempDir Path dir) throws IOException {
    Path bad = write(dir, "bad.yaml", "policy: x\nnope: 1\n");
    CliRun r = CliRun.of("test", EXAMPLE, bad.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEqualTo("14 passed, 0 failed\n");
    assertThat(r.err()).startsWith("error: " + bad + ":2:1: unknown key `nope`");
  }

  @Test
  void anInlinePolicyInJsonIsNamedAfterTheFile(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "inline.json",
            "{\"policy\": \"actor User {}\\nresource Doc { permissions = [\\\"read\\\"];"
                + " \\\"read\\\" if \\\"viewer\\\"; }\",\n"
                + " \"tests\": [{\"name\": \"t\", \"check\": [{\"actor\": \"User:a\","
                + " \"action\": \"read\", \"resource\": \"Doc:a\", \"allowed\": true}]}]}");
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains(" --> " + file + " (policy):2:");
  }

  @Test
  void aKeyGivenTwiceIsMalformed(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "twice.yaml",
            POLICY
                + """
                tests:
                  - name: twice
                    check:
                      - { actor: User:ann, action: read, resource: Doc:a, allowed: true, allowed: false }
                """);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: " + file + ":16:");
    assertThat(r.err()).contains("Duplicate field 'allowed'");
  }

  @Test
  void aMalformedFileIsAnErrorInTheJUnitReport(@TempDir Path dir) throws Exception {
    Path bad = write(dir, "bad.yaml", "policy: x\nnope: <1>\n");
    Path xml = dir.resolve("report.xml");
    CliRun r = CliRun.of("test", "--junit", xml.toString(), EXAMPLE, bad.toString());
    assertThat(r.status()).isEqualTo(2);

    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    Element root = doc.getDocumentElement();
    assertThat(root.getAttribute("tests")).isEqualTo("15");
    assertThat(root.getAttribute("failures")).isEqualTo("0");
    assertThat(root.getAttribute("errors")).isEqualTo("1");
    NodeList errors = doc.getElementsByTagName("error");
    assertThat(errors.getLength()).isEqualTo(1);
    assertThat(((Element) errors.item(0)).getAttribute("message"))
        .isEqualTo(
            bad
                + ":2:1: unknown key `nope`; expected one of policy, policy_file, data,"
                + " grants, attributes, tests");
    assertThat(((Element) errors.item(0).getParentNode().getParentNode()).getAttribute("name"))
        .isEqualTo(bad.toString());
  }

  @Test
  void theExampleInTheDocsPassesBesideTheQuickstart(@TempDir Path dir) throws IOException {
    String doc = Files.readString(Path.of("../docs/testing.md"));
    int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
    String example = doc.substring(start, doc.indexOf("```", start));
    Files.copy(Path.of(CheckCommandTest.POLICY), dir.resolve("policy.warden"));
    Files.copy(Path.of(CheckCommandTest.DATA), dir.resolve("grants.yaml"));
    Path file = write(dir, "policy_test.yaml", example);
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("4 passed, 0 failed\n");
  }

  @Test
  void aMissingTestFileIsMalformed(@TempDir Path dir) {
    Path file = dir.resolve("none.yaml");
    CliRun r = CliRun.of("test", file.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: cannot read `" + file + "`: no such file\n");
    assertThat(r.out()).isEqualTo("0 passed, 0 failed\n");
  }

  private static Path write(Path dir, String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
