package dev.warden.cli.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.GrantCondition;
import dev.warden.api.WardenException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DataFileTest {

  @TempDir Path dir;

  static final List<Grant> GRANTS =
      List.of(
          Grant.parse("Repository:gmail#admin@User:larry"),
          Grant.parse("Repository:react#contributor@User:*"),
          Grant.parse("Repository:oso#contributor@Group:eng#member"),
          Grant.parse("Document:q3#viewer@User:carol")
              .withCondition(
                  new GrantCondition("before", Map.of("deadline", "2026-12-31T00:00:00Z"))));

  @ParameterizedTest
  @EnumSource(DataFormat.class)
  void writesAndReadsBackEveryRecord(DataFormat format) throws IOException {
    Path file = dir.resolve("data." + format.name().toLowerCase(java.util.Locale.ROOT));
    try (OutputStream out = Files.newOutputStream(file);
        DataFileWriter w = new DataFileWriter(out, format)) {
      GRANTS.forEach(w::grant);
      w.attributes(EntityRef.parse("Repository:react"), Map.of("is_public", true));
    }
    List<DataRecord> read = new ArrayList<>();
    DataFileReader.read(file, read::add);
    List<DataRecord> expected = new ArrayList<>();
    GRANTS.forEach(g -> expected.add(new DataRecord.GrantRecord(g)));
    expected.add(
        new DataRecord.AttributesRecord(
            EntityRef.parse("Repository:react"), Map.of("is_public", true)));
    assertThat(read).isEqualTo(expected);
  }

  @Test
  void readsTheDocumentedYamlShape() throws IOException {
    Path file = dir.resolve("grants.yaml");
    Files.writeString(
        file,
        """
        grants:
          - Repository:gmail#admin@User:larry
          - grant: Document:q3#viewer@User:carol
            condition: before
            context: { deadline: "2026-12-31T00:00:00Z" }
        attributes:
          Repository:react: { is_public: true }
        """);
    List<DataRecord> read = new ArrayList<>();
    DataFileReader.read(file, read::add);
    assertThat(read)
        .containsExactly(
            new DataRecord.GrantRecord(GRANTS.get(0)),
            new DataRecord.GrantRecord(GRANTS.get(3)),
            new DataRecord.AttributesRecord(
                EntityRef.parse("Repository:react"), Map.of("is_public", true)));
  }

  @Test
  void aMalformedGrantNamesItsLineAndColumn() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file, "grants:\n  - Repository:gmail#admin@User:larry\n  - Repository:gmail admin\n");
    assertThatThrownBy(() -> DataFileReader.read(file, r -> {}))
        .isInstanceOf(WardenException.class)
        .hasMessage(file + ":3:5: grant `Repository:gmail admin` has no `@` before its subject");
  }

  /** Ids with the text form's punctuation, spaces and an e-mail address: see data-format.md. */
  static final List<Grant> FREE_IDS =
      List.of(
          Grant.parse("Document:q3#viewer@User:\"john@smith.com\""),
          Grant.parse("Document:\"a \\\"b\\\" #1\"#viewer@Group:\"eng@corp\"#member"),
          Grant.parse("Document:\"x[1]\"#viewer@User:\"back\\\\slash\" [before {\"k\":\"]\"}]"));

  @ParameterizedTest
  @EnumSource(DataFormat.class)
  void idsThatNeedQuotingSurviveEveryFormat(DataFormat format) throws IOException {
    Path file = dir.resolve("free." + format.name().toLowerCase(java.util.Locale.ROOT));
    EntityRef entity = EntityRef.of("User", "john@smith.com");
    try (OutputStream out = Files.newOutputStream(file);
        DataFileWriter w = new DataFileWriter(out, format)) {
      FREE_IDS.forEach(w::grant);
      w.attributes(entity, Map.of("department", "finance"));
    }
    List<DataRecord> read = new ArrayList<>();
    DataFileReader.read(file, read::add);
    List<DataRecord> expected = new ArrayList<>();
    FREE_IDS.forEach(g -> expected.add(new DataRecord.GrantRecord(g)));
    expected.add(new DataRecord.AttributesRecord(entity, Map.of("department", "finance")));
    assertThat(read).isEqualTo(expected);
  }

  @Test
  void readsTheDocumentedQuotedIds() throws IOException {
    Path file = dir.resolve("ids.yaml");
    Files.writeString(
        file,
        """
        grants:
          - Document:q3#viewer@User:"john@smith.com"
          - 'Document:"a \\"b\\" #1"#viewer@Group:"eng@corp"#member'
        attributes:
          User:john@smith.com: { department: "finance" }
        """);
    List<DataRecord> read = new ArrayList<>();
    DataFileReader.read(file, read::add);
    assertThat(read)
        .containsExactly(
            new DataRecord.GrantRecord(FREE_IDS.get(0)),
            new DataRecord.GrantRecord(FREE_IDS.get(1)),
            new DataRecord.AttributesRecord(
                EntityRef.of("User", "john@smith.com"), Map.of("department", "finance")));
  }

  @Test
  void anUnquotedEmailNamesItsLineColumnAndTheQuotedForm() throws IOException {
    Path file = dir.resolve("email.jsonl");
    Files.writeString(file, "{\"grant\":\"Document:q3#viewer@User:john@smith.com\"}\n");
    assertThatThrownBy(() -> DataFileReader.read(file, r -> {}))
        .isInstanceOf(WardenException.class)
        .hasMessageStartingWith(file + ":1:")
        .hasMessageEndingWith(
            "grant `Document:q3#viewer@User:john@smith.com` at column 29: unexpected `@` after"
                + " the subject; quote the id: User:\"john@smith.com\"");
  }

  @Test
  void anUnknownSectionIsRejected() throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"grant\": []}");
    assertThatThrownBy(() -> DataFileReader.read(file, r -> {}))
        .hasMessage(file + ":1:11: unknown section `grant`; expected `grants` or `attributes`");
  }

  @Test
  void aKeyGivenTwiceInOneRecordIsRefusedWithItsLine() throws IOException {
    Path file = dir.resolve("dup.jsonl");
    Files.writeString(
        file,
        "{\"grant\": \"Repository:gmail#admin@User:larry\"}\n"
            + "{\"entity\": \"Repository:gmail\", \"attributes\": {\"is_public\": true,"
            + " \"is_public\": false}}\n");
    assertThatThrownBy(() -> DataFileReader.read(file, r -> {}))
        .isInstanceOf(WardenException.class)
        .hasMessageStartingWith(file + ":2:")
        .hasMessageContaining("is_public");
  }
}
