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
import java.util.List;
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
