package dev.bulwark.lint.rules;

import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.ShellFact.Download;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Rules about what enters the image from outside: downloads, ADD, TLS, registries. */
final class SupplyChainRules {
  private SupplyChainRules() {}

  static boolean isRemote(String source) {
    String s = source.toLowerCase(Locale.ROOT);
    return s.startsWith("http://") || s.startsWith("https://") || s.startsWith("git@") || s.endsWith(".git");
  }

  /** BW-D030: a downloaded script piped into an interpreter. */
  static final class CurlPipeShell extends AbstractRule {
    CurlPipeShell() {
      super("BW-D030", "Downloaded script piped into a shell", Severity.HIGH, "supply-chain",
          "Whatever the server (or anyone between it and the build) returns runs as root in the build, unreviewed and"
              + " unverifiable; a truncated download runs half a script.",
          "Download to a file, verify a pinned checksum or signature, then run it: `curl -fsSLo /tmp/i.sh URL && echo 'SHA256"
              + "  /tmp/i.sh' | sha256sum -c - && sh /tmp/i.sh`; better, install a packaged version.",
          List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (Download d : step.facts().facts(Download.class)) {
          if (d.pipedInto() != null) {
            report.accept(finding(d.invocation().name() + " output is run by " + d.pipedInto() + " without verification",
                step.spanOf(d.invocation()), step.stage()));
          }
        }
      }
    }
  }

  /** BW-D031: ADD of a URL with nothing to check what arrives. */
  static final class AddRemoteWithoutChecksum extends AbstractRule {
    AddRemoteWithoutChecksum() {
      super("BW-D031", "ADD of a remote URL without --checksum", Severity.MEDIUM, "supply-chain",
          "The file can change on the server between builds, or be swapped in transit; nothing notices.",
          "Add `--checksum=sha256:<digest>` (BuildKit), or for git sources pin a commit (`ADD https://…/repo.git#<sha>`).",
          List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        for (Command.Add add : stage.commands(Command.Add.class)) {
          for (String src : add.sources()) {
            boolean gitPinned = src.contains(".git#") && src.substring(src.indexOf('#') + 1).matches("[0-9a-f]{40}");
            if (isRemote(src) && add.checksum() == null && !gitPinned) {
              report.accept(finding("ADD " + src + " is not verified (no --checksum)", add.instruction().locate(src), stage));
            }
          }
        }
      }
    }
  }

  /** BW-D032: ADD where COPY does the same with fewer surprises. */
  static final class AddInsteadOfCopy extends AbstractRule {
    AddInsteadOfCopy() {
      super("BW-D032", "ADD used for local files", Severity.LOW, "supply-chain",
          "ADD also fetches URLs and unpacks archives; for plain files that hidden behaviour only adds surprises (a .tar.gz"
              + " gets extracted).",
          "Use `COPY` for local files and directories; keep ADD for remote sources with --checksum or archives you mean to unpack.",
          List.of("DL3020", "DS005"));
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (Stage stage : target.model().stages()) {
        for (Command.Add add : stage.commands(Command.Add.class)) {
          boolean allLocalPlain = !add.sources().isEmpty() && add.heredocs().isEmpty();
          for (String src : add.sources()) {
            if (isRemote(src) || isArchive(src) || src.contains("$")) {
              allLocalPlain = false;
            }
          }
          if (allLocalPlain) {
            report.accept(finding("ADD of local files: use COPY", add.instruction().span(), stage));
          }
        }
      }
    }

    static boolean isArchive(String src) {
      String s = src.toLowerCase(Locale.ROOT);
      return s.endsWith(".tar") || s.endsWith(".tar.gz") || s.endsWith(".tgz") || s.endsWith(".tar.bz2") || s.endsWith(".tbz2")
          || s.endsWith(".tar.xz") || s.endsWith(".txz") || s.endsWith(".tar.zst");
    }
  }

  /** BW-D033: TLS or signature checks switched off. */
  static final class InsecureTransport extends AbstractRule {
    InsecureTransport() {
      super("BW-D033", "TLS or package signature verification disabled", Severity.HIGH, "supply-chain",
          "With certificate or signature checks off, anyone on the network path can serve a tampered package or script,"
              + " and it is built into the image as if it were genuine.",
          "Remove the flag (`-k`, `--insecure`, `--no-check-certificate`, `--allow-unauthenticated`, `--allow-untrusted`,"
              + " `--trusted-host`, `--nogpgcheck`, `strict-ssl false`, `sslVerify false`); add the CA certificate instead"
              + " (`COPY ca.crt /usr/local/share/ca-certificates/ && update-ca-certificates`).",
          List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (Invocation inv : step.facts().invocations()) {
          String what = insecureFlag(inv);
          if (what != null) {
            report.accept(finding(inv.name() + " " + what, step.spanOf(inv), step.stage()));
          }
        }
      }
      for (Stage stage : target.model().stages()) {
        for (Command.Env env : stage.commands(Command.Env.class)) {
          for (var kv : env.pairs()) {
            if ((kv.key().equals("NODE_TLS_REJECT_UNAUTHORIZED") && kv.value().equals("0"))
                || (kv.key().equals("PYTHONHTTPSVERIFY") && kv.value().equals("0"))
                || (kv.key().equals("GIT_SSL_NO_VERIFY") && !kv.value().isEmpty() && !kv.value().equals("0") && !kv.value().equalsIgnoreCase("false"))) {
              report.accept(finding("ENV " + kv.key() + "=" + kv.value() + " turns off TLS verification for every process",
                  env.instruction().locate(kv.key()), stage));
            }
          }
        }
      }
    }

    static String insecureFlag(Invocation inv) {
      List<String> a = inv.args();
      return switch (inv.name()) {
        case "curl" -> inv.hasFlag("-k", "--insecure") ? "skips TLS certificate verification (-k/--insecure)" : null;
        case "wget" -> inv.hasFlag("--no-check-certificate") ? "skips TLS certificate verification (--no-check-certificate)" : null;
        case "apt-get", "apt" -> inv.hasFlag("--allow-unauthenticated", "--allow-insecure-repositories", "--allow-downgrades")
            || a.stream().anyMatch(x -> x.contains("AllowUnauthenticated") || x.contains("Verify-Peer=false") || x.contains("Check-Valid-Until=false"))
            ? "installs unauthenticated packages" : null;
        case "apk" -> inv.hasFlag("--allow-untrusted") ? "installs unsigned packages (--allow-untrusted)" : null;
        case "yum", "dnf", "microdnf", "rpm" -> inv.hasFlag("--nogpgcheck", "--nosignature") ? "skips package signature checks" : null;
        case "zypper" -> inv.hasFlag("--no-gpg-checks", "--gpg-auto-import-keys") ? "skips package signature checks" : null;
        case "pip", "pip3" -> inv.hasFlag("--trusted-host") ? "trusts a host without TLS verification (--trusted-host)" : null;
        case "npm", "yarn", "pnpm" -> a.contains("strict-ssl") && a.contains("false") || inv.hasFlag("--strict-ssl=false")
            ? "turns off TLS verification (strict-ssl false)" : null;
        case "git" -> a.stream().anyMatch(x -> x.toLowerCase(Locale.ROOT).contains("sslverify") && (x.endsWith("false") || a.contains("false")))
            ? "turns off TLS verification (http.sslVerify false)" : null;
        default -> null;
      };
    }
  }

  /** BW-D034: downloads over plain HTTP. */
  static final class PlainHttpDownload extends AbstractRule {
    PlainHttpDownload() {
      super("BW-D034", "Download over plain HTTP", Severity.MEDIUM, "supply-chain",
          "Plain HTTP can be read and rewritten by anyone on the network path; the image gets whatever they serve.",
          "Use https:// URLs (and verify a checksum).", List.of());
    }

    @Override
    public void check(DockerfileTarget target, Consumer<Finding> report) {
      for (RunStep step : target.runs()) {
        for (Download d : step.facts().facts(Download.class)) {
          for (String url : d.urls()) {
            if (url.toLowerCase(Locale.ROOT).startsWith("http://") && !isLocal(url)) {
              report.accept(finding(d.invocation().name() + " fetches " + url + " over plain HTTP", step.spanOf(d.invocation()), step.stage()));
            }
          }
        }
      }
      for (Stage stage : target.model().stages()) {
        for (Command.Add add : stage.commands(Command.Add.class)) {
          for (String src : add.sources()) {
            if (src.toLowerCase(Locale.ROOT).startsWith("http://") && !isLocal(src)) {
              report.accept(finding("ADD fetches " + src + " over plain HTTP", add.instruction().locate(src), stage));
            }
          }
        }
      }
    }

    static boolean isLocal(String url) {
      String host = url.substring("http://".length()).split("[/:]", 2)[0];
      return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }
  }
}
