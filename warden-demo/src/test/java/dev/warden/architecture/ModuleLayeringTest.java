package dev.warden.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules between modules (docs/architecture.md): the API depends on nothing but the JDK; core
 * knows no store implementation, audit log, server, client or integration; stores know only core's
 * API and store SPI; the server knows no client, CLI or integration; the client and the audit log
 * know the API (the client also the wire codec, which itself knows only the API and Jackson) and
 * nothing else of Warden; the CLI carries no demo. Each module has its own packages, so a rule over
 * packages is a rule over modules. It runs here because warden-demo's tests see every module of the
 * build.
 */
class ModuleLayeringTest {

  static final String API = "dev.warden.api..";

  /** Core's packages; the API types live in a module of their own. */
  static final String[] CORE = {
    "dev.warden",
    "dev.warden.model..",
    "dev.warden.condition..",
    "dev.warden.lang..",
    "dev.warden.engine..",
    "dev.warden.store",
    "dev.warden.store.index..",
    "dev.warden.store.memory..",
    "dev.warden.store.replica.."
  };

  static final String[] STORES = {
    "dev.warden.store.sql..", "dev.warden.store.sqlite..", "dev.warden.store.postgres.."
  };
  static final String WIRE = "dev.warden.wire..";
  static final String AUDIT = "dev.warden.audit..";
  static final String SERVER = "dev.warden.server..";
  static final String CLIENT = "dev.warden.client..";
  static final String[] CLI = {"dev.warden.cli", "dev.warden.cli.io..", "dev.warden.cli.testing.."};
  static final String DEMO = "dev.warden.cli.demo..";
  static final String IDENTITY = "dev.warden.identity..";
  static final String LANGCHAIN4J = "dev.warden.langchain4j..";
  static final String IMPORTER = "dev.warden.importer..";

  static JavaClasses all;

  @BeforeAll
  static void importEveryModule() {
    all =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.warden");
  }

  /** The rules below would hold vacuously for a module whose classes were not imported. */
  @Test
  void everyModuleIsImported() {
    for (String pkg :
        new String[] {
          "dev.warden.api",
          "dev.warden.wire",
          "dev.warden.engine",
          "dev.warden.store.sql",
          "dev.warden.store.sqlite",
          "dev.warden.store.postgres",
          "dev.warden.audit",
          "dev.warden.server",
          "dev.warden.client",
          "dev.warden.cli",
          "dev.warden.cli.demo",
          "dev.warden.identity",
          "dev.warden.langchain4j",
          "dev.warden.importer.openfga"
        }) {
      assertThat(all.stream().anyMatch(c -> c.getPackageName().equals(pkg))).as(pkg).isTrue();
    }
  }

  @Test
  void theApiDependsOnTheJdkAlone() {
    classes()
        .that()
        .resideInAPackage(API)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(API, "java..")
        .check(all);
  }

  @Test
  void coreKnowsNothingAboveIt() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            concat(
                STORES,
                WIRE,
                AUDIT,
                SERVER,
                CLIENT,
                "dev.warden.cli..",
                IDENTITY,
                LANGCHAIN4J,
                IMPORTER))
        .check(all);
  }

  @Test
  void storesKnowOnlyTheApiAndTheStoreSpi() {
    noClasses()
        .that()
        .resideInAnyPackage(STORES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.warden",
            "dev.warden.engine..",
            "dev.warden.lang..",
            AUDIT,
            SERVER,
            CLIENT,
            "dev.warden.cli..",
            IDENTITY,
            LANGCHAIN4J,
            IMPORTER)
        .check(all);
  }

  @Test
  void theAuditLogAndTheIntegrationsStandBesideTheServer() {
    noClasses()
        .that()
        .resideInAnyPackage(AUDIT, IDENTITY, LANGCHAIN4J, IMPORTER)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(concat(STORES, SERVER, CLIENT, "dev.warden.cli.."))
        .check(all);
    noClasses()
        .that()
        .resideInAPackage(AUDIT)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(concat(CORE, IDENTITY, LANGCHAIN4J, IMPORTER))
        .check(all);
  }

  @Test
  void theServerKnowsNoClientCliOrIntegration() {
    noClasses()
        .that()
        .resideInAPackage(SERVER)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(CLIENT, "dev.warden.cli..", IDENTITY, LANGCHAIN4J, IMPORTER)
        .check(all);
  }

  /** The codec the server and the client share knows the API types and Jackson, nothing else. */
  @Test
  void theWireCodecKnowsOnlyTheApiAndJackson() {
    classes()
        .that()
        .resideInAPackage(WIRE)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(WIRE, API, "java..", "com.fasterxml.jackson..")
        .check(all);
  }

  /**
   * An application that calls a remote PDP carries the API, the wire codec, Jackson and nothing
   * else.
   */
  @Test
  void theClientKnowsOnlyTheApiAndTheWireCodec() {
    classes()
        .that()
        .resideInAPackage(CLIENT)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(CLIENT, API, WIRE, "java..", "com.fasterxml.jackson..")
        .check(all);
  }

  @Test
  void theCliCarriesNoDemo() {
    noClasses()
        .that()
        .resideInAnyPackage(CLI)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(DEMO, CLIENT, IDENTITY, LANGCHAIN4J)
        .check(all);
  }

  /**
   * JSON is read and written with the wire's one configuration ({@code WireJson}); the SQL stores,
   * which may not see the wire, keep one mapper of their own for their attribute columns. YAML
   * mappers are built over a YAML factory and are not this rule's concern.
   */
  @Test
  void jsonUsesTheWiresOneConfiguration() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.warden.wire..", "dev.warden.store.sql..")
        .should()
        .callConstructor(ObjectMapper.class)
        .check(all);
  }

  private static String[] concat(String[] first, String... rest) {
    String[] out = new String[first.length + rest.length];
    System.arraycopy(first, 0, out, 0, first.length);
    System.arraycopy(rest, 0, out, first.length, rest.length);
    return out;
  }
}
