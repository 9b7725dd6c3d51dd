package dev.bulwark.guide;

import dev.bulwark.guide.Guide.VariantView;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands the guide shows, run in the project's directory. Every Bulwark command here is one
 * the tests run; the build commands are docker's and buildah's own.
 */
public final class Commands {
  private Commands() {}

  /** One shown command, and whether it is Bulwark's (run by the tests) or another tool's. */
  public record Shown(String line, boolean bulwark, String comment) {}

  public static String scanProject(GuideInput in) {
    return "bulwark scan . --exclude '" + in.variantsDir() + "/'";
  }

  public static String harden(GuideInput in) {
    return "bulwark harden " + in.dockerfile() + " --variant all --out " + in.variantsDir();
  }

  public static String report(GuideInput in) {
    return "bulwark report . --out SECURITY.md";
  }

  /** The usage block: write the variants, build each, scan the files and the built images, compare them. */
  public static List<Shown> usage(Guide g) {
    GuideInput in = g.input();
    List<Shown> out = new ArrayList<>();
    out.add(new Shown(harden(in), true, "write the hardened variants (they are in " + in.variantsDir() + "/)"));
    for (VariantView v : g.variants()) {
      if (v.written()) {
        out.add(new Shown("bulwark scan " + v.outcome().file(), true, "lint the " + v.outcome().variant().id() + " variant"));
      }
    }
    out.add(new Shown("docker build -t " + Sections.tag(in.project(), "original") + " -f " + in.dockerfile() + " .", false, "build the original"));
    for (VariantView v : g.variants()) {
      if (v.written()) {
        String id = v.outcome().variant().id();
        out.add(new Shown("docker build -t " + Sections.tag(in.project(), id) + " -f " + v.outcome().file() + " .", false, "build the " + id + " variant"));
        out.add(new Shown("buildah bud -t " + Sections.tag(in.project(), id) + " -f " + v.outcome().file() + " .", false, "the same without a daemon"));
      }
    }
    g.recommended().ifPresent(v -> {
      String id = v.outcome().variant().id();
      String tar = Sections.tarball(in.project(), id);
      out.add(new Shown("docker save " + Sections.tag(in.project(), id) + " -o " + tar, false, "export the built image for Bulwark"));
      out.add(new Shown("bulwark image " + tar, true,
          "check the built image: user, secrets in layers, setuid files; its vulnerabilities too once `bulwark db import` made a database"));
      out.add(new Shown("bulwark runtime " + tar + " --out deploy", true, "locked-down run settings from what the image really runs as"));
      String original = Sections.tarball(in.project(), "original");
      out.add(new Shown("docker save " + Sections.tag(in.project(), "original") + " -o " + original, false, "export the original too"));
      out.add(new Shown("bulwark compare " + tar + " --to " + original, true, "what changed: packages, size, user, layers (vulnerabilities with a database)"));
      out.add(new Shown("bulwark report . --image original=" + original + " --image " + id + "=" + tar + " --out SECURITY.md", true,
          "this guide with the built images measured: sizes, attack surface, vulnerabilities"));
    });
    out.add(new Shown(report(in), true, "regenerate this guide"));
    return out;
  }

  /** GitHub Actions: SARIF to code scanning, and the job fails on a high finding. */
  public static String githubActions(GuideInput in) {
    return """
        # .github/workflows/bulwark.yml
        name: bulwark
        on: [push, pull_request]
        permissions:
          contents: read
          security-events: write   # upload SARIF to code scanning
        jobs:
          scan:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
                with:
                  submodules: true   # Bulwark checked out as a submodule at tools/bulwark
              - uses: actions/setup-java@v4
                with:
                  distribution: temurin
                  java-version: '21'
              - name: Bulwark
                run: tools/bulwark/bulwark scan . --exclude '%1$s/' --format tty --format sarif=bulwark.sarif --fail-on high
              - uses: github/codeql-action/upload-sarif@v3
                if: always()
                with:
                  sarif_file: bulwark.sarif
        """.formatted(in.variantsDir());
  }

  /** GitLab CI: the Code Quality report widget on merge requests. */
  public static String gitlab(GuideInput in) {
    return """
        # .gitlab-ci.yml
        bulwark:
          image: eclipse-temurin:21-jdk
          variables:
            GIT_SUBMODULE_STRATEGY: recursive   # Bulwark at tools/bulwark
          script:
            - tools/bulwark/bulwark scan . --exclude '%1$s/' --format tty --format gitlab=gl-code-quality-report.json --fail-on high
          artifacts:
            when: always
            reports:
              codequality: gl-code-quality-report.json
        """.formatted(in.variantsDir());
  }

  /** A pre-commit hook on every Dockerfile. */
  public static String preCommit() {
    return """
        # .pre-commit-config.yaml
        repos:
          - repo: local
            hooks:
              - id: bulwark
                name: bulwark
                entry: tools/bulwark/bulwark scan --fail-on high
                language: system
                files: (^|/)(Dockerfile|Containerfile)([.][^/]*)?$
        """;
  }

  /** Renovate: keeps base-image tags current and pins them by digest. */
  public static String renovate() {
    return """
        // renovate.json
        {
          "extends": ["config:recommended"],
          "packageRules": [
            { "matchDatasources": ["docker"], "pinDigests": true }
          ]
        }
        """;
  }

  /** Dependabot: weekly base-image updates for the Dockerfiles in the project and the variants' directory. */
  public static String dependabot(GuideInput in) {
    return """
        # .github/dependabot.yml
        version: 2
        updates:
          - package-ecosystem: docker
            directories: ["/", "/%1$s"]
            schedule:
              interval: weekly
        """.formatted(in.variantsDir());
  }
}
