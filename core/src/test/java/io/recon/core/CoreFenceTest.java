package io.recon.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code core} is pure logic, as the README says: it takes text and maps, and the composition roots
 * and {@code starter} read files, the network and the environment for it. This rule makes that a
 * build failure rather than a convention.
 */
class CoreFenceTest {
  /**
   * {@code java.sql} except its three value types: a driver hands {@code Date}, {@code Time} and
   * {@code Timestamp} over inside arrays, and the canonical form must accept them as data ({@code
   * java.sql.Date.toInstant} throws, so they cannot pass as {@code java.util.Date}). Connections,
   * statements, result sets and drivers are I/O and stay out.
   */
  private static final DescribedPredicate<JavaClass> SQL_IO =
      DescribedPredicate.describe(
          "are in java.sql other than its value types Date, Time and Timestamp",
          c ->
              c.getPackageName().equals("java.sql")
                  && !Set.of("java.sql.Date", "java.sql.Time", "java.sql.Timestamp")
                      .contains(c.getName()));

  private static JavaClasses core;

  @BeforeAll
  static void importClasses() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.recon.core");
  }

  @Test
  void coreDoesNoFileNetworkOrDatabaseIo() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("io.recon.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "java.nio.file..", "java.nio.channels..", "java.net..", "javax.sql..")
            .orShould()
            .dependOnClassesThat(SQL_IO)
            .orShould()
            .dependOnClassesThat()
            .haveNameMatching("java\\.io\\.(File|Random).*")
            .because("core takes text and maps; reading files and connecting are the callers'");
    rule.check(core);
  }

  @Test
  void coreReadsNoEnvironment() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("io.recon.core..")
            .should()
            .callMethod(System.class, "getenv")
            .orShould()
            .callMethod(System.class, "getenv", String.class)
            .orShould()
            .callMethod(System.class, "getProperty", String.class)
            .orShould()
            .callMethod(System.class, "getProperty", String.class, String.class)
            .because("the composition roots read the environment once, into a ReconConfig");
    rule.check(core);
  }
}
