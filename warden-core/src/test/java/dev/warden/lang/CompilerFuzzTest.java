package dev.warden.lang;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz test: the compiler returns diagnostics for any input, never throws, and terminates.
 * Plain {@code mvn test} replays the seeds in {@code CompilerFuzzTestInputs/compile/}; {@code
 * JAZZER_FUZZ=1 ./mvnw -pl warden-core test -Dtest=CompilerFuzzTest} fuzzes for real.
 */
class CompilerFuzzTest {

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
    "timestamp",
    "\"",
    "'''",
    "#",
    "Group#member",
    "User:*",
    "&&",
    "||",
    "==",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]"
  })
  void compile(byte[] input) {
    SourceFile source = new SourceFile("fuzz.warden", new String(input, StandardCharsets.UTF_8));
    Termination.guard(
        () -> CompilerMutationTest.compileAndRender(source), "input:\n" + source.text());
  }
}
