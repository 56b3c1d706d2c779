package io.recon.cli.dev;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.recon.cli.CliContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The process environment is read in one place, the CLI's root (every recon process, the worker
 * included, starts as {@code recon}); from there it travels down as a {@code ReconConfig}. Any
 * other reader would be a variable the catalogue, the {@code --help} footer and the docs do not
 * know of.
 */
class EnvironmentReadersTest {
  /** The composition root of every recon process: the one class allowed to read the environment. */
  static final String ROOT = CliContext.class.getName();

  @Test
  void onlyTheRootReadsTheEnvironment() {
    JavaClasses recon =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.recon");
    // Every module that once read the environment is imported, or the rule would pass vacuously.
    for (String reader :
        List.of(
            "io.recon.core.config.ReconConfig",
            "io.recon.starter.TemporalConnections",
            "io.recon.worker.WorkerLimits",
            "io.recon.worker.Registrations",
            "io.recon.activities.repair.AuditCipher",
            "io.recon.cli.bench.BenchEngines")) {
      assertTrue(recon.contain(reader), reader + " was not imported");
    }
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("io.recon..")
            .and()
            .doNotHaveFullyQualifiedName(ROOT)
            .should()
            .callMethod(System.class, "getenv")
            .orShould()
            .callMethod(System.class, "getenv", String.class)
            .because(
                "configuration is read once at the root, declared in ConfigVar, and passed down");
    rule.check(recon);
  }
}
