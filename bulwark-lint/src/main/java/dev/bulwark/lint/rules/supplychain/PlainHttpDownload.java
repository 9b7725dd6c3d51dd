package dev.bulwark.lint.rules.supplychain;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.ShellFact.Download;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** BW-D034: downloads over plain HTTP. */
public final class PlainHttpDownload extends DockerfileRule {
  public PlainHttpDownload() {
    super("BW-D034", "Download over plain HTTP", Severity.MEDIUM, Category.SUPPLY_CHAIN,
        "Plain HTTP can be read and rewritten by anyone on the network path; the image gets whatever they serve.",
        "Use https:// URLs (and verify a checksum).", List.of());
  }

  /** Checks that make a tampered download fail the build: a signature or a pinned checksum verified in the same RUN. */
  private static final List<String> VERIFIERS = List.of("gpg --verify", "gpg --batch --verify", "gpgv", "sha256sum -c", "sha512sum -c",
      "sha1sum -c", "sha256sum --check", "sha512sum --check", "shasum -a 256 -c", "md5sum -c");

  /** The verification the script runs, or null. */
  private static String verifier(String script) {
    for (String v : VERIFIERS) {
      if (script.contains(v)) {
        return v.startsWith("gpg") ? "gpg" : v.substring(0, v.indexOf(' '));
      }
    }
    return null;
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      String script = step.run().command().display();
      for (Download d : step.facts().facts(Download.class)) {
        for (String url : d.urls()) {
          if (url.toLowerCase(Locale.ROOT).startsWith("http://") && !isLocal(url)) {
            String verifier = verifier(script);
            if (verifier == null && d.capturedInto() != null) {
              // V=$(curl -s http://…/releases | jq -r .version): a tampered answer picks a version, the artifact comes another way
              report.accept(finding(d.invocation().name() + " fetches " + url + " over plain HTTP, only to set $" + d.capturedInto()
                  + " (a version or a name, not what is installed); a tampered answer can still pick another release",
                  d.invocation().argSpan(url), step.stage()).withSeverity(Severity.LOW));
              continue;
            }
            Finding f = finding(d.invocation().name() + " fetches " + url + " over plain HTTP"
                + (verifier == null ? "" : " (the RUN checks it with " + verifier + ", so tampering fails the build)"),
                d.invocation().argSpan(url), step.stage());
            boolean trustedKey = script.contains("apt-key add") || script.contains("gpg --import") || script.contains("gpg --dearmor")
                || script.contains("rpm --import");
            // curl http://…/key.asc | apt-key add -: the key every later package is checked against, fetched where anyone can swap it
            report.accept(verifier != null ? f.withSeverity(Severity.LOW)
                : trustedKey ? asCode(f, "a signing key the package manager then trusts") : graded(f, url));
          }
        }
      }
    }
    for (Stage stage : target.stages()) {
      for (Command.Add add : stage.commandsAndTriggers(Command.Add.class)) {
        for (int i = 0; i < add.sources().size(); i++) {
          String src = add.sources().get(i);
          if (src.toLowerCase(Locale.ROOT).startsWith("http://") && !isLocal(src)) {
            Finding f = finding("ADD fetches " + src + " over plain HTTP", add.instruction().argSpan(i), stage);
            String dest = add.destination() == null ? "" : add.destination();
            // ADD http://…/jq /usr/local/bin/: a program put on the PATH, whatever its name
            report.accept(dest.matches("(?:/usr(?:/local)?)?/s?bin(?:/.*)?") ? asCode(f, "a program put in " + dest) : graded(f, src));
          }
        }
      }
    }
  }

  /**
   * Names of files that are code the image goes on to install or run: a release archive, a package, a
   * jar, a script or a binary installer. Tampering with one on the wire runs the attacker's code in every
   * container, which is worse than a tampered data file (a word list, a GeoIP database) or an answer of
   * unknown shape, which stay medium.
   */
  private static final List<String> CODE_SUFFIXES = List.of(".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar", ".zip",
      ".jar", ".war", ".deb", ".rpm", ".apk", ".whl", ".gem", ".sh", ".py", ".pl", ".run", ".bin", ".exe", ".msi", ".appimage");

  /** High for unverified code (see {@link #CODE_SUFFIXES}), the rule's medium otherwise. */
  private static Finding graded(Finding f, String url) {
    String path = url.toLowerCase(Locale.ROOT).split("[?#]", 2)[0];
    for (String suffix : CODE_SUFFIXES) {
      if (path.endsWith(suffix)) {
        return asCode(f, suffix.substring(1));
      }
    }
    return f;
  }

  private static Finding asCode(Finding f, String what) {
    return f.withSeverity(Severity.HIGH).withMessage(f.message() + ", with nothing to check it against, and it is code the image"
        + " installs or runs (" + what + ")");
  }

  static boolean isLocal(String url) {
    String host = url.substring("http://".length()).split("[/:]", 2)[0];
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }
}
