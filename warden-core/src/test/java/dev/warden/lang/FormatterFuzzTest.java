package dev.warden.lang;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz test: the formatter never throws and terminates on any input, and whatever it formats
 * keeps the formatter's promises (idempotent, same policy, same problems, same comments).
 */
class FormatterFuzzTest {

  @FuzzTest(maxDuration = "2m")
  @DictionaryEntries({
    "actor",
    "resource",
    "condition",
    "permissions",
    "roles",
    "relations",
    "attributes",
    " if ",
    " and ",
    " or ",
    " not ",
    " on ",
    "resource.",
    "actor.",
    "context.",
    "list<",
    "#",
    "\\x0a",
    "\"",
    "'",
    "Group#member",
    "User:*",
    "&&",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ";",
    ","
  })
  void format(byte[] input) {
    SourceFile source = new SourceFile("fuzz.warden", new String(input, StandardCharsets.UTF_8));
    Termination.guard(
        () -> FormatterTest.assertFormatterPromises(source), "input:\n" + source.text());
  }
}
