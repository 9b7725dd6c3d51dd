package dev.bulwark.lint.rules.build;

import dev.bulwark.core.Purpose;
import dev.bulwark.core.Category;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.ShellFact;
import dev.bulwark.dockerfile.shell.ShellFacts;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.PackageLedger;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/** One stage that both builds the software and runs it, so compilers and toolchains ship. */
public final class SingleStageBuildTools extends DockerfileRule {
  public SingleStageBuildTools() {
    super(
        "BW-D003",
        "No multi-stage build while build tools are installed",
        // medium, as tools left in a multi-stage image's final stage (BW-D013): more to exploit after a foothold, not a way in
        Severity.MEDIUM,
        Category.ATTACK_SURFACE,
        "Compilers, package managers and source code left in the runtime image give an attacker who gets a foothold the"
            + " tools to build and fetch payloads, add hundreds of packages (and their CVEs) that the app never uses at run"
            + " time, and can leak source and build secrets.",
        "Build in a first stage (`FROM golang:1.27 AS build`) and copy only the artifact into a minimal runtime stage"
            + " (`FROM gcr.io/distroless/static-debian12:nonroot` + `COPY --from=build /out/app /app`).",
        List.of(),
        "https://docs.docker.com/build/building/multi-stage/");
    inPurpose(Purpose.BASE, null, "");
    inPurpose(Purpose.DEVELOPMENT, null, "");
    inPurpose(Purpose.FIXTURE, null, "");
  }

  /** Base images that are toolchains rather than runtimes (matched on the last path part). */
  private static final Set<String> TOOLCHAIN_IMAGES =
      Set.of("golang", "rust", "maven", "gradle", "gcc", "buildpack-deps", "sdk", "openjdk", "haskell", "swift", "elixir", "clojure");
  /** Packages that only building needs. */
  private static final Set<String> BUILD_PACKAGES = Set.of("gcc", "g++", "clang", "make", "cmake", "build-essential", "build-base",
      "go", "golang", "rust", "cargo", "rustc", "musl-dev", "libc-dev", "libc6-dev", "maven", "gradle", "git", "autoconf", "automake",
      "libtool", "pkg-config", "pkgconf", "python3-dev", "python-dev", "nodejs-dev", "gcc-c++");
  /** Commands that compile or package software. */
  private static final Set<String> BUILD_COMMANDS = Set.of("gcc", "g++", "cc", "clang", "make", "cmake", "mvn", "mvnw", "gradle",
      "gradlew", "javac", "rustc", "tsc", "ninja", "dotnet");

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    if (target.model().isMultiStage() || target.model().stages().isEmpty()) {
      return;
    }
    Stage stage = target.model().stages().getFirst();
    Set<String> evidence = new LinkedHashSet<>();
    stage.baseImage().ifPresent(ref -> {
      if (isToolchainImage(ref)) {
        evidence.add("base image " + ref.familiarName());
      }
    });
    // build dependencies removed again (apk del .build-deps, apt-get purge --auto-remove) do not ship,
    // and neither do the tools that RUN used while it had them
    PackageLedger.Result packages = target.packages(stage);
    for (PackageLedger.Install i : packages.kept()) {
      String name = i.pkg().name();
      if (BUILD_PACKAGES.contains(name) || name.endsWith("-dev") || name.endsWith("-devel")) {
        evidence.add(name);
      }
    }
    for (RunStep step : target.runs(stage)) {
      if (packages.stepsThatRemoveWhatTheyInstalled().stream().anyMatch(s -> s == step)) { // identity: records compare deeply
        continue;
      }
      ShellFacts facts = step.facts();
      for (ShellFact.Compile c : facts.facts(ShellFact.Compile.class)) {
        evidence.add(c.tool() + " build");
      }
      for (Invocation inv : facts.invocations()) {
        if (BUILD_COMMANDS.contains(inv.name())) {
          evidence.add(inv.name());
        }
        if (List.of("npm", "yarn", "pnpm").contains(inv.name()) && inv.args().size() >= 2 && inv.args().get(0).equals("run")
            && inv.args().get(1).startsWith("build")) {
          evidence.add(inv.name() + " run build");
        }
      }
    }
    if (evidence.isEmpty() || evidence.equals(Set.of("git"))) {
      return; // git fetches sources, it builds nothing: alone it is a tool of the image (a git server, a CI agent), not a toolchain
    }
    String jdk = stage.baseImage().filter(SingleStageBuildTools::isJdk).map(ImageReference::familiarName).orElse(null);
    if (jdk != null && evidence.equals(Set.of("base image " + jdk))) {
      // a Java server run on a JDK: nothing is built, the fix is a smaller base, not a build stage
      report.accept(finding("The final image runs on the JDK image " + jdk + " but compiles nothing: a JRE image of the same Java"
          + " (eclipse-temurin:21-jre) runs it without javac and the other development tools", stage.from().instruction().span(), stage)
          .withSeverity(Severity.LOW));
      return;
    }
    if (evidence.stream().allMatch(e -> e.endsWith("-dev") || e.endsWith("-devel"))) {
      // headers and static libraries alone (collectd-dev, python3-dev) compile nothing without a compiler: size, not tools
      report.accept(finding("The final image keeps development headers (" + String.join(", ", evidence) + ") but no compiler or build"
          + " tool: they are only needed to build; remove them after the build or build in a stage of its own", stage.from().instruction().span(),
          stage).withSeverity(Severity.LOW));
      return;
    }
    Finding f = finding("Single-stage build ships its build tools (" + String.join(", ", evidence) + ") in the final image",
        stage.from().instruction().span(), stage);
    String tool = dev.bulwark.lint.purpose.PurposeInference.toolProgram(target.model(), stage);
    // vagrant, termboy, brok: a tool run on demand on a workstation; the toolchain costs size there, not a served attack surface
    report.accept(tool == null ? f : f.withSeverity(Severity.LOW).withMessage(f.message() + "; " + tool + " is a desktop or"
        + " command-line tool run on demand, not a deployed service, so this is size more than attack surface"));
  }

  /** A Java development kit image: openjdk, eclipse-temurin or amazoncorretto whose tag does not say jre. */
  private static boolean isJdk(ImageReference ref) {
    String repo = ref.repository();
    String last = repo.substring(repo.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return Set.of("openjdk", "eclipse-temurin", "amazoncorretto").contains(last) && isToolchainImage(ref);
  }

  static boolean isToolchainImage(ImageReference ref) {
    String repo = ref.repository();
    String last = repo.substring(repo.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    String tag = ref.tag() == null ? "" : ref.tag();
    if (TOOLCHAIN_IMAGES.contains(last)) {
      return !(last.equals("openjdk") && tag.contains("jre"));
    }
    return (last.equals("eclipse-temurin") || last.equals("amazoncorretto")) && !tag.contains("jre");
  }
}
