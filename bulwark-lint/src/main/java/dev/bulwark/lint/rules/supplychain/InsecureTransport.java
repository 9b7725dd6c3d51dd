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
        Insecure what = insecureFlag(inv);
        if (what != null) {
          report.accept(finding(inv.name() + " " + what.message(), what.span(), step.stage()));
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
