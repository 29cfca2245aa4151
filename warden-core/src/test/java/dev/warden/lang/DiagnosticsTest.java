package dev.warden.lang;

import static dev.warden.lang.TestPolicies.compile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * One test per diagnostic code, each asserting the complete rendered report of a policy with
 * exactly that one problem.
 */
class DiagnosticsTest {

  private static final Set<DiagnosticCode> SEEN = EnumSet.noneOf(DiagnosticCode.class);

  /** Compiles {@code policy} and asserts that the whole rendered output is {@code expected}. */
  private static void assertReport(String policy, String expected) {
    Compilation c = compile(policy);
    assertThat(String.join("\n\n", c.render()) + "\n").isEqualTo(expected);
    assertThat(c.policy()).isNull();
    c.diagnostics().forEach(d -> SEEN.add(d.code()));
  }

  @AfterAll
  static void everyCodeIsCovered() {
    assertThat(SEEN).containsExactlyInAnyOrder(DiagnosticCode.values());
  }

  @Test
  void p101UnexpectedToken() {
    assertReport(
        """
        actor User {}
        resource Doc {
          roles = ["viewer" "editor"];
        }
        """,
        """
        error[P101]: expected `,` or `]`, found `"editor"`
         --> policy.warden:3:21
          |
        3 |   roles = ["viewer" "editor"];
          |                     ^^^^^^^^
        """);
  }

  @Test
  void p101MissingSemicolonPointsAfterThePreviousToken() {
    assertReport(
        """
        resource Doc {
          roles = ["viewer", "editor"]
          "viewer" if "editor";
        }
        """,
        """
        error[P101]: expected `;`, found `"viewer"`
         --> policy.warden:2:31
          |
        2 |   roles = ["viewer", "editor"]
          |                               ^
        """);
  }

  @Test
  void p102UnterminatedString() {
    assertReport(
        """
        actor User {
          roles = ["admin];
        }
        """,
        """
        error[P102]: unterminated string
         --> policy.warden:2:12
          |
        2 |   roles = ["admin];
          |            ^^^^^^^^
          = hint: close it with `"` on the same line
        """);
  }

  @Test
  void p103InvalidCharacter() {
    assertReport(
        """
        actor User {}
        resource Doc {
          roles = ["viewer"];
          @
        }
        """,
        """
        error[P103]: invalid character `@`
         --> policy.warden:4:3
          |
        4 |   @
          |   ^
        """);
  }

  @Test
  void p104InvalidName() {
    assertReport(
        """
        resource Doc {
          roles = ["view er"];
        }
        """,
        """
        error[P104]: `view er` is not a valid name
         --> policy.warden:2:12
          |
        2 |   roles = ["view er"];
          |            ^^^^^^^^^
          = hint: names start with a letter or `_`, continue with letters, digits or `_`, \
        and have at most 64 characters
        """);
  }

  @Test
  void p201DuplicateType() {
    assertReport(
        """
        actor User {}
        actor User {}
        """,
        """
        error[P201]: duplicate type `User`
         --> policy.warden:2:7
          |
        2 | actor User {}
          |       ^^^^
          = hint: `User` is first declared at line 1
        """);
  }

  @Test
  void p202DuplicateRelationName() {
    assertReport(
        """
        resource Doc {
          permissions = ["read"];
          roles = ["read"];
        }
        """,
        """
        error[P202]: duplicate name `read` in `Doc`
         --> policy.warden:3:12
          |
        3 |   roles = ["read"];
          |            ^^^^^^
          = hint: `read` is first declared as a permission at line 2; a type declares each \
        name once across permissions, roles and relations
        """);
  }

  @Test
  void p203DuplicateAttribute() {
    assertReport(
        """
        resource Doc {
          attributes = { size: int, size: int };
        }
        """,
        """
        error[P203]: duplicate attribute `size`
         --> policy.warden:2:29
          |
        2 |   attributes = { size: int, size: int };
          |                             ^^^^
          = hint: `size` is first declared at line 2
        """);
  }

  @Test
  void p204DuplicateCondition() {
    assertReport(
        """
        condition c(a: int) { a > 0 }
        condition c(b: int) { b > 0 }
        """,
        """
        error[P204]: duplicate condition `c`
         --> policy.warden:2:11
          |
        2 | condition c(b: int) { b > 0 }
          |           ^
          = hint: `c` is first declared at line 1
        """);
  }

  @Test
  void p205DuplicateParameter() {
    assertReport(
        """
        condition c(a: int, a: int) { a > 0 }
        """,
        """
        error[P205]: duplicate parameter `a` in condition `c`
         --> policy.warden:1:21
          |
        1 | condition c(a: int, a: int) { a > 0 }
          |                     ^
        """);
  }

  @Test
  void p206ReservedAttributeName() {
    assertReport(
        """
        resource Doc {
          attributes = { id: string };
        }
        """,
        """
        error[P206]: `id` is a reserved attribute name
         --> policy.warden:2:18
          |
        2 |   attributes = { id: string };
          |                  ^^
          = hint: every entity has `id` and `type` built in
        """);
  }

  @Test
  void p206ContextIsNoParameterName() {
    assertReport(
        """
        condition c(context: string) { true }
        """,
        """
        error[P206]: `context` is a reserved name
         --> policy.warden:1:13
          |
        1 | condition c(context: string) { true }
          |             ^^^^^^^
          = hint: conditions see the request context as `context`; name the parameter differently
        """);
  }

  @Test
  void p207ConflictingActorAttribute() {
    assertReport(
        """
        actor User {
          attributes = { level: int };
        }

        actor Bot {
          attributes = { level: string };
        }
        """,
        """
        error[P207]: actor attribute `level` is `string` on `Bot` but `int` on `User`
         --> policy.warden:6:18
          |
        6 |   attributes = { level: string };
          |                  ^^^^^^^^^^^^^
          = hint: rules read it as `actor.level`, so every actor type must agree
        """);
  }

  @Test
  void p301UnknownType() {
    assertReport(
        """
        actor User {}

        actor Group {
          relations = { member: Usr };
        }
        """,
        """
        error[P301]: unknown type `Usr`
         --> policy.warden:4:25
          |
        4 |   relations = { member: Usr };
          |                         ^^^
          = hint: did you mean `User`?
        """);
  }

  /** The example of docs/language.md, line for line. */
  @Test
  void p302UnknownRoleAsInTheReference() {
    assertReport(
        """
        actor User {}

        actor Group {
          relations = { member: User | Group#member };
        }

        resource Repository {
          permissions = ["read", "push", "delete"];
          roles = ["contributor", "maintainer", "admin"];
          relations = { parent: Repository };
          attributes = { is_public: bool, archived: bool };

          "read" if "contributor";
          "maintainer" if "admin";
          "contributor" if "maintainer";
          "push" if "maintaner" and not resource.archived;
        }
        """,
        """
        error[P302]: unknown role or permission `maintaner` on `Repository`
         --> policy.warden:16:13
           |
        16 |   "push" if "maintaner" and not resource.archived;
           |             ^^^^^^^^^^^
           = hint: did you mean `maintainer`?
        """);
  }

  @Test
  void p302UnknownRuleHeadWithoutCloseName() {
    assertReport(
        """
        resource Doc {
          roles = ["viewer"];
          "download" if "viewer";
        }
        """,
        """
        error[P302]: unknown role or permission `download` on `Doc`
         --> policy.warden:3:3
          |
        3 |   "download" if "viewer";
          |   ^^^^^^^^^^
          = hint: declare it in `permissions` or `roles` of `Doc`
        """);
  }

  @Test
  void p303UnknownAttributeType() {
    assertReport(
        """
        resource Doc {
          attributes = { size: integer };
        }
        """,
        """
        error[P303]: unknown attribute type `integer`
         --> policy.warden:2:24
          |
        2 |   attributes = { size: integer };
          |                        ^^^^^^^
          = hint: attribute types are `bool`, `int`, `uint`, `double`, `string`, `timestamp`, \
        `duration`, `ipaddress`, `list` and `map`
        """);
  }

  @Test
  void p303ListWithoutElementType() {
    assertReport(
        """
        resource Doc {
          attributes = { tags: list };
        }
        """,
        """
        error[P303]: `list` needs an element type
         --> policy.warden:2:24
          |
        2 |   attributes = { tags: list };
          |                        ^^^^
          = hint: write the element type, as in `list<string>`
        """);
  }

  @Test
  void p304UnknownRelationAfterOn() {
    assertReport(
        """
        resource Folder {
          roles = ["viewer"];
          relations = { parent: Folder };
          "viewer" if "viewer" on "paren";
        }
        """,
        """
        error[P304]: unknown relation `paren` on `Folder`
         --> policy.warden:4:27
          |
        4 |   "viewer" if "viewer" on "paren";
          |                           ^^^^^^^
          = hint: did you mean `parent`?
        """);
  }

  @Test
  void p305UnknownRelationInUserset() {
    assertReport(
        """
        actor User {}

        actor Group {
          relations = { member: User | Group#membr };
        }
        """,
        """
        error[P305]: unknown relation `membr` on `Group`
         --> policy.warden:4:38
          |
        4 |   relations = { member: User | Group#membr };
          |                                      ^^^^^
          = hint: did you mean `member`?
        """);
  }

  @Test
  void p306UnknownConditionInSubjectType() {
    assertReport(
        """
        actor User {}

        resource Doc {
          relations = { viewer: User with befor };
        }

        condition before(deadline: timestamp) { context.now < deadline }
        """,
        """
        error[P306]: unknown condition `befor` in `User with befor`
         --> policy.warden:4:25
          |
        4 |   relations = { viewer: User with befor };
          |                         ^^^^^^^^^^^^^^^
          = hint: did you mean `before`?
        """);
  }

  @Test
  void p401NoRelatedTypeDeclaresTheRole() {
    assertReport(
        """
        resource Folder {
          roles = ["viewer"];
          relations = { parent: Folder };
          "viewer" if "veiwer" on "parent";
        }
        """,
        """
        error[P401]: no type related through `parent` declares `veiwer`
         --> policy.warden:4:15
          |
        4 |   "viewer" if "veiwer" on "parent";
          |               ^^^^^^^^
          = hint: did you mean `viewer`?
        """);
  }

  @Test
  void p401NamesEachTargetTypeOnceHoweverOftenItIsWritten() {
    assertReport(
        """
        actor User {}
        resource Folder {
          relations = { parent: User | Folder | User };
          permissions = ["view"];
          "view" if "zzz" on "parent";
        }
        """,
        """
        error[P401]: no type related through `parent` declares `zzz`
         --> policy.warden:5:13
          |
        5 |   "view" if "zzz" on "parent";
          |             ^^^^^
          = hint: `parent` points to `User` and `Folder`
        """);
  }

  @Test
  void modelProblemsKeepTheirCodesAndSpansInRulesWhoseHeadIsUnknown() {
    assertReport(
        """
        actor User {}
        resource Folder {
          roles = ["owner"];
          "viewr" if "viewer" on "owner";
        }
        """,
        """
        error[P302]: unknown role or permission `viewr` on `Folder`
         --> policy.warden:4:3
          |
        4 |   "viewr" if "viewer" on "owner";
          |   ^^^^^^^
          = hint: declare it in `permissions` or `roles` of `Folder`

        error[P402]: `on` needs a relation, but `owner` is a role
         --> policy.warden:4:26
          |
        4 |   "viewr" if "viewer" on "owner";
          |                          ^^^^^^^
          = hint: declare it in `relations`, with the types it points to, as in `parent: Folder`
        """);
  }

  @Test
  void everyModelProblemCodeIsADiagnosticCode() {
    for (dev.warden.model.validate.ProblemCode code :
        dev.warden.model.validate.ProblemCode.values()) {
      assertThat(DiagnosticCode.valueOf(code.name()).name()).isEqualTo(code.name());
    }
  }

  @Test
  void p402OnAfterARole() {
    assertReport(
        """
        resource Folder {
          roles = ["viewer", "owner"];
          "viewer" if "viewer" on "owner";
        }
        """,
        """
        error[P402]: `on` needs a relation, but `owner` is a role
         --> policy.warden:3:27
          |
        3 |   "viewer" if "viewer" on "owner";
          |                           ^^^^^^^
          = hint: declare it in `relations`, with the types it points to, as in `parent: Folder`
        """);
  }

  @Test
  void p402OnAfterARelationWithWildcards() {
    assertReport(
        """
        actor User {}

        resource Folder {
          roles = ["viewer"];
          relations = { parent: Folder | User:* };
          "viewer" if "viewer" on "parent";
        }
        """,
        """
        error[P402]: `on` cannot follow `parent`, which allows wildcards
         --> policy.warden:6:27
          |
        6 |   "viewer" if "viewer" on "parent";
          |                           ^^^^^^^^
          = hint: a wildcard grant stands for every object of a type, which `on` cannot walk; `on` \
        follows relations to objects or usersets, as in `parent: Folder` or `team: Team#member`
        """);
  }

  @Test
  void p402OnAllAfterARelationWithWildcards() {
    assertReport(
        """
        actor User {}

        resource Folder {
          roles = ["viewer"];
          relations = { parent: Folder | Folder:* };
          "viewer" if "viewer" on all "parent";
        }
        """,
        """
        error[P402]: `on` cannot follow `parent`, which allows wildcards
         --> policy.warden:6:31
          |
        6 |   "viewer" if "viewer" on all "parent";
          |                               ^^^^^^^^
          = hint: a wildcard grant stands for every object of a type, which `on` cannot walk; `on` \
        follows relations to objects or usersets, as in `parent: Folder` or `team: Team#member`
        """);
  }

  @Test
  void onAllNeedsAQuotedRelation() {
    assertReport(
        """
        resource Folder {
          roles = ["viewer"];
          relations = { parent: Folder };
          "viewer" if "viewer" on all parent;
        }
        """,
        """
        error[P101]: expected a quoted relation after `on all`, found `parent`
         --> policy.warden:4:31
          |
        4 |   "viewer" if "viewer" on all parent;
          |                               ^^^^^^
        """);
  }

  @Test
  void onFollowsRelationsThatTakeUsersets() {
    TestPolicies.assertCompiles(
        compile(
            """
            actor User {}

            resource Team {
              relations = { member: User, lead: User };
            }

            resource Doc {
              relations = { viewer: User | Team#member };
              permissions = ["steer", "steer_all"];
              "steer" if "lead" on "viewer";
              "steer_all" if "lead" on all "viewer";
            }
            """));
  }

  @Test
  void p403NotWithoutPositivePart() {
    assertReport(
        """
        resource Doc {
          roles = ["viewer", "banned"];
          "viewer" if not "banned";
        }
        """,
        """
        error[P403]: `not` without a positive part
         --> policy.warden:3:15
          |
        3 |   "viewer" if not "banned";
          |               ^^^^^^^^^^^^
          = hint: `not` can only narrow something else, as in `"member" and not "banned"`; \
        alone it would grant everyone else
        """);
  }

  @Test
  void p403NotThisWithoutPositivePart() {
    assertReport(
        """
        actor User {}
        resource Doc {
          relations = { viewer: User };
          "viewer" if not this;
        }
        """,
        """
        error[P403]: `not` without a positive part
         --> policy.warden:4:15
          |
        4 |   "viewer" if not this;
          |               ^^^^^^^^
          = hint: `not` can only narrow something else, as in `"member" and not "banned"`; \
        alone it would grant everyone else
        """);
  }

  @Test
  void p404ThisInAPermission() {
    assertReport(
        """
        actor User {}
        resource Doc {
          relations = { viewer: User, blocked: User };
          permissions = ["view"];
          "view" if this and not "blocked";
        }
        """,
        """
        error[P404]: `this` in a rule of permission `view`, which has no grants
         --> policy.warden:5:13
          |
        5 |   "view" if this and not "blocked";
          |             ^^^^
          = hint: `this` names the grants of a role or relation; name the role or relation whose \
        grants count, as in `"view" if "viewer" and not "blocked"`
        """);
  }

  @Test
  void p206ThisIsNoRelationName() {
    assertReport(
        """
        actor User {}
        resource Doc {
          relations = { this: User };
        }
        """,
        """
        error[P206]: `this` is a reserved name
         --> policy.warden:3:17
          |
        3 |   relations = { this: User };
          |                 ^^^^
          = hint: in a rule `this` means the grants of the rule's role or relation; name it \
        differently
        """);
  }

  @Test
  void p502CycleThroughExcludedThis() {
    assertReport(
        """
        actor User {}
        resource Doc {
          relations = { viewer: User | Doc#viewer, owner: User };
          "viewer" if "owner" and not this;
        }
        """,
        """
        error[P502]: `Doc#viewer` depends on itself through `not`: `Doc#viewer` -> `Doc#viewer`
         --> policy.warden:3:32
          |
        3 |   relations = { viewer: User | Doc#viewer, owner: User };
          |                                ^^^^^^^^^^
          = hint: a relation cannot exclude something that depends on it: its meaning would be \
        undefined
        """);
  }

  @Test
  void p501SameObjectCycle() {
    assertReport(
        """
        resource Doc {
          roles = ["editor", "owner"];
          "editor" if "owner";
          "owner" if "editor";
        }
        """,
        """
        error[P501]: `editor` depends on itself on the same `Doc`: `editor` -> `owner` -> `editor`
         --> policy.warden:3:15
          |
        3 |   "editor" if "owner";
          |               ^^^^^^^
          = hint: rules that reach each other on one object never reach a grant; to inherit \
        from another object, follow a relation, as in `"admin" if "admin" on "parent"`
        """);
  }

  @Test
  void p502CycleThroughNot() {
    assertReport(
        """
        resource Folder {
          roles = ["member"];
          permissions = ["read"];
          relations = { parent: Folder };
          "read" if "member" and not "read" on "parent";
        }
        """,
        """
        error[P502]: `Folder#read` depends on itself through `not`: `Folder#read` -> `Folder#read`
         --> policy.warden:5:30
          |
        5 |   "read" if "member" and not "read" on "parent";
          |                              ^^^^^^^^^^^^^^^^^^
          = hint: a relation cannot exclude something that depends on it: its meaning would be \
        undefined
        """);
  }

  @Test
  void p502CycleThroughNotAndOnAllOverAUserset() {
    assertReport(
        """
        resource Folder {
          roles = ["member"];
          permissions = ["read"];
          relations = { parent: Folder#member };
          "read" if "member" and not "read" on all "parent";
        }
        """,
        """
        error[P502]: `Folder#read` depends on itself through `not`: `Folder#read` -> `Folder#read`
         --> policy.warden:5:30
          |
        5 |   "read" if "member" and not "read" on all "parent";
          |                              ^^^^^^^^^^^^^^^^^^^^^^
          = hint: a relation cannot exclude something that depends on it: its meaning would be \
        undefined
        """);
  }

  @Test
  void recursionThroughOnAllIsRecursionThroughData() {
    TestPolicies.assertCompiles(
        compile(
            """
            resource Folder {
              roles = ["member"];
              permissions = ["read"];
              relations = { parent: Folder | Folder#member };
              "read" if "member" or "read" on all "parent";
            }
            """));
  }

  @Test
  void p601CelSyntaxError() {
    assertReport(
        """
        resource Doc {
          permissions = ["read"];
          attributes = { is_public: bool };
          "read" if resource.is_public &&;
        }
        """,
        """
        error[P601]: unexpected end of expression
         --> policy.warden:4:33
          |
        4 |   "read" if resource.is_public &&;
          |                                 ^
        """);
  }

  @Test
  void p602CelTypeError() {
    assertReport(
        """
        resource Doc {
          permissions = ["read"];
          attributes = { is_public: bool };
          "read" if resource.is_public + 1;
        }
        """,
        """
        error[P602]: no overload of `+` takes `(bool, int)`
         --> policy.warden:4:32
          |
        4 |   "read" if resource.is_public + 1;
          |                                ^
        """);
  }

  @Test
  void p602RuleThatIsNotABool() {
    assertReport(
        """
        resource Doc {
          permissions = ["read"];
          attributes = { size: int };
          "read" if resource.size;
        }
        """,
        """
        error[P602]: expected type `bool` but found `int`
         --> policy.warden:4:13
          |
        4 |   "read" if resource.size;
          |             ^^^^^^^^^^^^^
          = hint: a rule must produce a `bool`
        """);
  }

  @Test
  void p603UnknownAttribute() {
    assertReport(
        """
        resource Doc {
          permissions = ["read"];
          attributes = { is_public: bool };
          "read" if resource.is_publc;
        }
        """,
        """
        error[P603]: unknown attribute `resource.is_publc`
         --> policy.warden:4:13
          |
        4 |   "read" if resource.is_publc;
          |             ^^^^^^^^^^^^^^^^^
          = hint: did you mean `resource.is_public`?
        """);
  }

  @Test
  void p604UnknownNameInARule() {
    assertReport(
        """
        actor User {
          attributes = { department: string };
        }

        resource Doc {
          permissions = ["read"];
          "read" if actr.department == "finance";
        }
        """,
        """
        error[P604]: unknown name `actr`
         --> policy.warden:7:13
          |
        7 |   "read" if actr.department == "finance";
          |             ^^^^
          = hint: did you mean `actor`?
        """);
  }

  @Test
  void p604UnknownNameInACondition() {
    assertReport(
        """
        condition before(deadline: timestamp) { context.now < dedline }
        """,
        """
        error[P604]: unknown name `dedline`
         --> policy.warden:1:55
          |
        1 | condition before(deadline: timestamp) { context.now < dedline }
          |                                                       ^^^^^^^
          = hint: did you mean `deadline`?
        """);
  }

  @Test
  void reportsEveryProblemOfAFileInOneRun() {
    Compilation c =
        compile(
            """
            actor User {}
            resource Repo {
              roles = ["a" "b"];
              relations = { x User };
              "read" if ;
            }
            resource Doc {
              roles = ["viewer"];
              attributes = { size: strng };
              "viewer" if "veiwer";
              "viewer" if resource.sise > 1;
            }
            condition c(x: int { x > 1 }
            actor Bot { roles = ["x"]; $ }
            """);
    assertThat(c.diagnostics())
        .extracting(d -> d.code() + "@" + d.span())
        .containsExactly(
            "P101@3:16",
            "P101@4:19",
            "P101@5:13",
            "P303@9:24",
            "P302@10:15",
            "P603@11:15",
            "P101@13:20",
            "P103@14:28");
    assertThat(c.errorCount()).isEqualTo(8);
  }

  @Test
  void policyOrThrowCarriesTheRenderedDiagnostics() {
    Compilation c = compile("actor User {}\nactor User {}\nactor User {}\n");
    assertThatThrownBy(c::policyOrThrow)
        .isInstanceOfSatisfying(
            WardenException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POLICY);
              assertThat(e.getMessage()).isEqualTo("policy `policy.warden` has 2 errors");
              assertThat(e.details()).isEqualTo(c.render()).hasSize(2);
              assertThat(e.details().get(0)).startsWith("error[P201]: duplicate type `User`");
            });
  }

  @Test
  void codeTableMatchesTheReference() {
    String doc = TestPolicies.read(java.nio.file.Path.of("..", "docs", "language.md"));
    for (DiagnosticCode code : DiagnosticCode.values()) {
      assertThat(doc).contains("| " + code + " | " + code.summary() + " |");
    }
    assertThat(Arrays.stream(DiagnosticCode.values()).filter(DiagnosticCode::isSyntax))
        .containsExactly(
            DiagnosticCode.P101, DiagnosticCode.P102, DiagnosticCode.P103, DiagnosticCode.P104);
  }
}
