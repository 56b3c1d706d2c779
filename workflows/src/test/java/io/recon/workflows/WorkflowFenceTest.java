package io.recon.workflows;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fence around workflow code, enforced by the build rather than by the POM graph alone: nothing
 * in {@code io.recon.workflows} may do I/O, read the clock, the environment or a random source, or
 * start threads. Workflow code must replay identically, and these are the ways it would not. Time
 * comes from {@code Workflow.currentTimeMillis()}, ids from {@code Workflow.randomUUID()}.
 */
class WorkflowFenceTest {
  private static JavaClasses workflows;

  @BeforeAll
  static void importClasses() {
    workflows =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.recon.workflows");
  }

  @Test
  void workflowCodeDoesNoIo() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("io.recon.workflows..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "java.sql..",
                "javax.sql..",
                "java.net..",
                "java.nio.file..",
                "java.nio.channels..",
                "java.net.http..",
                "com.mongodb..",
                "org.bson..",
                "org.jooq..",
                "org.postgresql..",
                "com.zaxxer..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.io.File")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.io.FileInputStream")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.io.FileOutputStream")
            .because("workflow code replays; all I/O belongs in activities");
    rule.check(workflows);
  }

  @Test
  void workflowCodeReadsNeitherTheClockNorTheEnvironmentNorRandomness() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("io.recon.workflows..")
            .should()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(System.class, "nanoTime")
            .orShould()
            .callMethod(System.class, "getenv")
            .orShould()
            .callMethod(System.class, "getenv", String.class)
            .orShould()
            .callMethod(System.class, "getProperty", String.class)
            .orShould()
            .callMethod(Math.class, "random")
            .orShould()
            .callMethod(UUID.class, "randomUUID")
            .orShould()
            .callMethod(Instant.class, "now")
            .orShould()
            .callMethod(LocalDate.class, "now")
            .orShould()
            .callMethod(LocalDateTime.class, "now")
            .orShould()
            .callMethod(OffsetDateTime.class, "now")
            .orShould()
            .callMethod(ZonedDateTime.class, "now")
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(Clock.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(java.util.Random.class)
            .because(
                "time and ids come from Workflow.currentTimeMillis() and Workflow.randomUUID()");
    rule.check(workflows);
  }

  @Test
  void workflowCodeStartsNoThreads() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("io.recon.workflows..")
            .should()
            .dependOnClassesThat()
            .areAssignableTo(Thread.class)
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("java.util.concurrent")
            .because("Temporal runs workflow code on its own threads; use Async and Promise");
    rule.check(workflows);
  }
}
