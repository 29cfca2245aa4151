package dev.warden.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of warden-core: lower layers never import higher ones, and the core has no web or
 * database dependency.
 *
 * <pre>
 *   api, model  <-  condition  <-  lang
 *                               <-  store (SPI, index, memory)  <-  engine  <-  dev.warden (facade)
 * </pre>
 *
 * <p>Within the model, the validator ({@code model.validate}) reads the model types, never the
 * other way round.
 */
class LayeringTest {

  static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.warden");
  }

  @Test
  void layersOnlyDependDownwards() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("Facade")
        .definedBy("dev.warden")
        .layer("Engine")
        .definedBy("dev.warden.engine..")
        .layer("Store")
        .definedBy("dev.warden.store..")
        .layer("Lang")
        .definedBy("dev.warden.lang..")
        .layer("Condition")
        .definedBy("dev.warden.condition..")
        .layer("Model")
        .definedBy("dev.warden.model..")
        .layer("Api")
        .definedBy("dev.warden.api..")
        .whereLayer("Facade")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Engine")
        .mayOnlyBeAccessedByLayers("Facade")
        .whereLayer("Lang")
        .mayOnlyBeAccessedByLayers("Facade")
        .whereLayer("Store")
        .mayOnlyBeAccessedByLayers("Engine", "Facade")
        .whereLayer("Condition")
        .mayOnlyBeAccessedByLayers("Lang", "Engine", "Facade")
        .whereLayer("Model")
        .mayOnlyBeAccessedByLayers("Condition", "Lang", "Engine", "Facade")
        .check(core);
  }

  @Test
  void theApiAndModelStandAlone() {
    noClasses()
        .that()
        .resideInAPackage("dev.warden.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.warden.model..", "dev.warden.store..", "dev.warden.engine..")
        .check(core);
    noClasses()
        .that()
        .resideInAPackage("dev.warden.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.warden.api..", "dev.warden.store..", "dev.warden.engine..")
        .check(core);
  }

  @Test
  void theModelTypesDoNotKnowTheirValidator() {
    noClasses()
        .that()
        .resideInAPackage("dev.warden.model")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.warden.model.validate..")
        .check(core);
  }

  @Test
  void theIndexDoesNotKnowStoresOrTheEngine() {
    noClasses()
        .that()
        .resideInAPackage("dev.warden.store.index..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.warden.store", "dev.warden.store.memory..", "dev.warden.engine..")
        .check(core);
  }

  /**
   * The store SPI (that package only; the memory store and the replica below it build indexes) is
   * what other modules implement: it must not make them know the engine's index.
   */
  @Test
  void theStoreSpiDoesNotKnowTheIndex() {
    noClasses()
        .that()
        .resideInAPackage("dev.warden.store")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.warden.store.index..", "dev.warden.engine..")
        .check(core);
  }

  @Test
  void theCoreHasNoWebOrDatabaseDependency() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..",
            "javax.sql..",
            "java.net.http..",
            "com.sun.net.httpserver..",
            "io.javalin..",
            "io.vertx..",
            "org.eclipse.jetty..",
            "com.zaxxer..",
            "org.postgresql..",
            "org.sqlite..")
        .check(core);
  }
}
