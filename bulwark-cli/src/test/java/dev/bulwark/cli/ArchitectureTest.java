package dev.bulwark.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layering (core <- dockerfile <- lint; dockerfile <- runtime; core, sbom <- image; reports on core; the scan
 * library over all of them, the CLI on top) and no package cycles anywhere, checked over the production classes of every module (this module sees them all).
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    // test classes, including the image module's test jar this module's tests use, are not checked
    ImportOption productionOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
    classes = new ClassFileImporter().withImportOption(productionOnly).importPackages("dev.bulwark");
  }

  @Test
  void sbomKnowsOnlyItself() {
    // an SBOM read from a CycloneDX or SPDX file needs no image reader
    noClasses().that().resideInAPackage("dev.bulwark.sbom..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.core..", "dev.bulwark.dockerfile..", "dev.bulwark.lint..",
            "dev.bulwark.image..", "dev.bulwark.report..", "dev.bulwark.scan..", "dev.bulwark.cli..")
        .check(classes);
  }

  @Test
  void theLibraryApiKnowsNoCommandLine() {
    noClasses().that().resideInAPackage("dev.bulwark.scan..").should().dependOnClassesThat().resideInAPackage("dev.bulwark.cli..")
        .check(classes);
    noClasses().that().resideInAPackage("dev.bulwark.scan..").should().dependOnClassesThat().resideInAPackage("picocli..")
        .check(classes);
  }

  /** compare's logic takes image summaries and returns a comparison: the images, the database and the scanner stay at the edge. */
  @Test
  void compareIsPure() {
    noClasses().that().resideInAPackage("dev.bulwark.scan.compare..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.image..", "dev.bulwark.vuln.db..", "dev.bulwark.vuln.match..",
            "dev.bulwark.lint..", "dev.bulwark.cli..")
        .orShould().dependOnClassesThat().resideInAPackage("dev.bulwark.scan")
        .check(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.bulwark.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void coreKnowsNoTarget() {
    noClasses().that().resideInAPackage("dev.bulwark.core..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.dockerfile..", "dev.bulwark.lint..", "dev.bulwark.image..",
            "dev.bulwark.yaml..", "dev.bulwark.k8s..", "dev.bulwark.compose..",
            "dev.bulwark.report..", "dev.bulwark.scan..", "dev.bulwark.cli..")
        .check(classes);
  }

  @Test
  void runtimeSettingsKnowOnlyTheDockerfileModel() {
    // generated from the model alone; harden and the CLI use them, nothing below does
    noClasses().that().resideInAPackage("dev.bulwark.runtime..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.lint..", "dev.bulwark.image..", "dev.bulwark.report..",
            "dev.bulwark.scan..", "dev.bulwark.cli..")
        .check(classes);
    noClasses().that().resideInAnyPackage("dev.bulwark.core..", "dev.bulwark.dockerfile..", "dev.bulwark.lint..", "dev.bulwark.image..",
            "dev.bulwark.report..", "dev.bulwark.scan..")
        .should().dependOnClassesThat().resideInAPackage("dev.bulwark.runtime..")
        .check(classes);
  }

  @Test
  void hardenKnowsOnlyCoreAndTheDockerfileModel() {
    // pure rewriting of the Dockerfile text: no rules, images, reports or I/O layers; only the CLI uses it
    noClasses().that().resideInAPackage("dev.bulwark.harden..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.lint..", "dev.bulwark.image..", "dev.bulwark.report..",
            "dev.bulwark.scan..", "dev.bulwark.cli..", "dev.bulwark.k8s..", "dev.bulwark.compose..", "dev.bulwark.yaml..")
        .check(classes);
    noClasses().that().resideInAnyPackage("dev.bulwark.core..", "dev.bulwark.dockerfile..", "dev.bulwark.lint..", "dev.bulwark.image..",
            "dev.bulwark.report..", "dev.bulwark.scan..", "dev.bulwark.runtime..")
        .should().dependOnClassesThat().resideInAPackage("dev.bulwark.harden..")
        .check(classes);
  }

  @Test
  void dockerfileKnowsOnlyCore() {
    noClasses().that().resideInAPackage("dev.bulwark.dockerfile..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.lint..", "dev.bulwark.image..", "dev.bulwark.report..", "dev.bulwark.scan..", "dev.bulwark.cli..")
        .check(classes);
  }

  @Test
  void dockerfileRulesDoNotKnowImages() {
    // a user who lints Dockerfiles does not load the image reader (nor its native jars)
    noClasses().that().resideInAPackage("dev.bulwark.lint..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.image..", "dev.bulwark.k8s..", "dev.bulwark.report..", "dev.bulwark.scan..", "dev.bulwark.cli..")
        .check(classes);
  }

  @Test
  void imagesDoNotKnowDockerfiles() {
    noClasses().that().resideInAPackage("dev.bulwark.image..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.dockerfile..", "dev.bulwark.k8s..", "dev.bulwark.lint..", "dev.bulwark.report..", "dev.bulwark.scan..", "dev.bulwark.cli..")
        .check(classes);
  }

  @Test
  void yamlKnowsOnlyCore() {
    // Kubernetes and Compose build on the YAML tree and its pragmas, which know neither
    noClasses().that().resideInAPackage("dev.bulwark.yaml..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.k8s..", "dev.bulwark.compose..", "dev.bulwark.dockerfile..", "dev.bulwark.lint..",
            "dev.bulwark.image..", "dev.bulwark.report..", "dev.bulwark.scan..", "dev.bulwark.cli..")
        .check(classes);
  }

  @Test
  void kubernetesKnowsOnlyCoreAndYaml() {
    noClasses().that().resideInAPackage("dev.bulwark.k8s..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.dockerfile..", "dev.bulwark.lint..", "dev.bulwark.image..",
            "dev.bulwark.report..", "dev.bulwark.scan..", "dev.bulwark.cli..")
        .check(classes);
  }

  @Test
  void composeKnowsOnlyCoreAndYaml() {
    // Compose and Kubernetes are siblings: neither knows the other
    noClasses().that().resideInAPackage("dev.bulwark.compose..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.dockerfile..", "dev.bulwark.lint..", "dev.bulwark.image..",
            "dev.bulwark.k8s..", "dev.bulwark.report..", "dev.bulwark.scan..", "dev.bulwark.cli..")
        .check(classes);
    noClasses().that().resideInAPackage("dev.bulwark.k8s..")
        .should().dependOnClassesThat().resideInAPackage("dev.bulwark.compose..")
        .check(classes);
  }

  @Test
  void vulnerabilityMatchingKnowsNoTarget() {
    // version schemes, the OSV model, the database and the matcher are functions of versions, records and packages
    noClasses().that().resideInAPackage("dev.bulwark.vuln..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.dockerfile..", "dev.bulwark.lint..", "dev.bulwark.image..",
            "dev.bulwark.report..", "dev.bulwark.scan..", "dev.bulwark.cli..", "dev.bulwark.k8s..", "dev.bulwark.compose..",
            "dev.bulwark.yaml..")
        .check(classes);
  }

  @Test
  void reportsKnowFindingsNotRules() {
    noClasses().that().resideInAPackage("dev.bulwark.report..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.dockerfile..", "dev.bulwark.lint..", "dev.bulwark.k8s..",
            "dev.bulwark.compose..", "dev.bulwark.yaml..", "dev.bulwark.scan..", "dev.bulwark.cli..")
        .check(classes);
  }
}
