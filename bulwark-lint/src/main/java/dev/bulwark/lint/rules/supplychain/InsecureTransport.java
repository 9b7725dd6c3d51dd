package dev.bulwark.lint.rules.supplychain;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.core.text.Span;
import java.util.List;
import java.util.function.Predicate;
import java.util.Locale;
import java.util.function.Consumer;

/** BW-D033: TLS or signature checks switched off. */
public final class InsecureTransport extends DockerfileRule {
  public InsecureTransport() {
    super("BW-D033", "TLS or package signature verification disabled", Severity.HIGH, Category.SUPPLY_CHAIN,
        "With certificate or signature checks off, anyone on the network path can serve a tampered package or script,"
            + " and it is built into the image as if it were genuine. `apk add --allow-untrusted` of local .apk files the build"
            + " made or copied (no repository, no download of them) fetches nothing: low.",
        "Remove the flag (`-k`, `--insecure`, `--no-check-certificate`, `--allow-unauthenticated`, `--allow-untrusted`,"
            + " `--trusted-host`, `--nogpgcheck`, `strict-ssl false`, `sslVerify false`); add the CA certificate instead"
            + " (`COPY ca.crt /usr/local/share/ca-certificates/ && update-ca-certificates`).",
        List.of());
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    for (RunStep step : target.runs()) {
      for (Invocation inv : step.facts().invocations()) {
        Insecure what = insecureFlag(inv);
        if (what != null) {
          Finding f = finding(inv.name() + " " + what.message(), what.span(), step.stage());
          if (inv.name().equals("apk") && onlyLocalApks(inv) && !downloadsApks(target, step.stage())) {
            // packages the build made or copied itself (abuild output, a builder stage's packages): nothing is
            // fetched, so no network attacker is in the way; their integrity is the build's own
            f = f.withSeverity(Severity.LOW).withMessage(f.message() + " (local .apk files the build made or copied, not fetched:"
                + " no repository or download to tamper with)");
          }
          report.accept(f);
        }
      }
    }
    for (Stage stage : target.stages()) {
      for (Command.Env env : stage.commandsAndTriggers(Command.Env.class)) {
        for (var kv : env.pairs()) {
          if ((kv.key().equals("NODE_TLS_REJECT_UNAUTHORIZED") && kv.value().equals("0"))
              || (kv.key().equals("PYTHONHTTPSVERIFY") && kv.value().equals("0"))
              || (kv.key().equals("GIT_SSL_NO_VERIFY") && !kv.value().isEmpty() && !kv.value().equals("0") && !kv.value().equalsIgnoreCase("false"))) {
            report.accept(finding("ENV " + kv.key() + "=" + kv.value() + " turns off TLS verification for every process",
                kv.keySpan(), stage));
          }
        }
      }
    }
  }

  /** apk options whose value is the next word. */
  private static final java.util.Set<String> APK_VALUED = java.util.Set.of("-t", "--virtual", "-p", "--root", "--keys-dir", "--arch",
      "--cache-dir", "--repositories-file");

  /**
   * True for {@code apk add} whose every package is a local file ({@code /tmp/packages/x.apk},
   * {@code ./x.apk}) and that names no repository ({@code -X}/{@code --repository}) to fetch from.
   */
  static boolean onlyLocalApks(Invocation inv) {
    List<String> a = inv.args();
    int add = a.indexOf("add");
    if (add < 0) {
      return false;
    }
    int packages = 0;
    for (int i = add + 1; i < a.size(); i++) {
      String w = a.get(i);
      if (w.equals("-X") || w.startsWith("--repository") && !w.startsWith("--repositories-file")) {
        return false;
      }
      if (APK_VALUED.contains(w)) {
        i++;
      } else if (!w.startsWith("-")) {
        if (w.contains("://") || !(w.contains("/") || w.endsWith(".apk"))) {
          return false; // a URL, or a package name: from a repository
        }
        packages++;
      }
    }
    return packages > 0;
  }

  /** True when the stage downloads an .apk (a RUN's curl/wget, an ADD of a URL): then a local .apk may be that download. */
  private static boolean downloadsApks(DockerfileTarget target, Stage stage) {
    for (RunStep s : target.runs(stage)) {
      for (dev.bulwark.dockerfile.shell.ShellFact.Download d : s.facts().facts(dev.bulwark.dockerfile.shell.ShellFact.Download.class)) {
        for (String url : d.urls()) {
          if (url.contains(".apk")) {
            return true;
          }
        }
      }
    }
    for (Command.Add add : stage.commands(Command.Add.class)) {
      for (String src : add.sources()) {
        if (src.contains("://") && src.contains(".apk")) {
          return true;
        }
      }
    }
    return false;
  }

  /** What a command turns off, and the argument that does it. */
  record Insecure(String message, Span span) {}

  static Insecure insecureFlag(Invocation inv) {
    List<String> a = inv.args();
    return switch (inv.name()) {
      case "curl" -> flag(inv, "skips TLS certificate verification (-k/--insecure)", "-k", "--insecure");
      case "wget" -> flag(inv, "skips TLS certificate verification (--no-check-certificate)", "--no-check-certificate");
      case "apt-get", "apt" -> {
        Insecure f = flag(inv, "installs unauthenticated packages", "--allow-unauthenticated", "--allow-insecure-repositories", "--allow-downgrades");
        yield f != null ? f : arg(inv, "installs unauthenticated packages",
            x -> x.contains("AllowUnauthenticated") || x.contains("Verify-Peer=false") || x.contains("Check-Valid-Until=false"));
      }
      case "apk" -> flag(inv, "installs unsigned packages (--allow-untrusted)", "--allow-untrusted");
      case "yum", "dnf", "microdnf", "rpm" -> flag(inv, "skips package signature checks", "--nogpgcheck", "--nosignature");
      case "zypper" -> flag(inv, "skips package signature checks", "--no-gpg-checks", "--gpg-auto-import-keys");
      case "pip", "pip3" -> flag(inv, "trusts a host without TLS verification (--trusted-host)", "--trusted-host");
      case "npm", "yarn", "pnpm" -> a.contains("strict-ssl") && a.contains("false")
          ? new Insecure("turns off TLS verification (strict-ssl false)", inv.argSpan("strict-ssl"))
          : flag(inv, "turns off TLS verification (strict-ssl false)", "--strict-ssl=false");
      case "git" -> arg(inv, "turns off TLS verification (http.sslVerify false)",
          x -> x.toLowerCase(Locale.ROOT).contains("sslverify") && (x.endsWith("false") || a.contains("false")));
      default -> null;
    };
  }

  private static Insecure flag(Invocation inv, String message, String... flags) {
    return inv.hasFlag(flags) ? new Insecure(message, inv.flagSpan(flags)) : null;
  }

  /** The first argument that {@code test} accepts. */
  private static Insecure arg(Invocation inv, String message, Predicate<String> test) {
    for (int i = 0; i < inv.args().size(); i++) {
      if (test.test(inv.args().get(i))) {
        return new Insecure(message, inv.argSpan(i));
      }
    }
    return null;
  }
}
