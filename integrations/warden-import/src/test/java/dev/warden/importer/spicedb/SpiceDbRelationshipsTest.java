package dev.warden.importer.spicedb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Grant;
import dev.warden.lang.SourceFile;
import org.junit.jupiter.api.Test;

class SpiceDbRelationshipsTest {

  private static SpiceDbRelationships.Result parse(String text) {
    return SpiceDbRelationships.parse(new SourceFile("r.txt", text));
  }

  @Test
  void readsRelationshipsIntoGrants() {
    SpiceDbRelationships.Result r =
        parse(
            """
            // a comment
            document:d#viewer@user:tom

            document:d#viewer@group:eng#member
            document:d#viewer@user:*
            document:d#parent@folder:f#...
              document:d#viewer@user:sam[some_caveat:{"somelist": [42, 41], "s": "a]b"}]
            document:d#viewer@user:ann[other]
            """);
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.grants())
        .containsExactly(
            Grant.parse("Document:d#viewer@User:tom"),
            Grant.parse("Document:d#viewer@Group:eng#member"),
            Grant.parse("Document:d#viewer@User:*"),
            Grant.parse("Document:d#parent@Folder:f"),
            Grant.parse(
                "Document:d#viewer@User:sam [some_caveat {\"somelist\": [42, 41], \"s\": \"a]b\"}]"),
            Grant.parse("Document:d#viewer@User:ann [other]"));
    assertThat(r.grants().get(4).condition().context()).containsEntry("s", "a]b").hasSize(2);
  }

  @Test
  void everyBadLineIsADiagnosticAndNothingIsRead() {
    SpiceDbRelationships.Result r =
        parse(
            """
            document:d#viewer@user:tom
            document:d#viewer
              folder:f#viewer@user:x[expiration:2023-12-01T00:00:00Z]
            document:d#viewer@user:y[c:{"a": 1}
            org/doc:d#viewer@user:z
            """);
    assertThat(r.grants()).isEmpty();
    assertThat(r.diagnostics())
        .extracting(d -> d.code() + " " + d.span().line() + ":" + d.span().column())
        .containsExactly("SDB110 2:1", "SDB210 3:25", "SDB110 4:25", "SDB203 5:1");
  }
}
