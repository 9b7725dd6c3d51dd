package dev.bulwark.scan;

import dev.bulwark.core.Finding;
import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Linter;
import dev.bulwark.k8s.KubernetesTarget;
import dev.bulwark.report.FileReport;
import dev.bulwark.yaml.YamlException;
import dev.bulwark.k8s.NetworkPolicyRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which files are Kubernetes manifests, by content, and their scan. A YAML file is one when a
 * document has {@code apiVersion} and {@code kind} at its top level; CI configs, Compose files and
 * Helm values have neither and are not reported. A file that looks like a manifest but is not valid
 * YAML is one error line for that file; a Helm or other Go template (it has {@code {{ }}}) is not
 * YAML until rendered, and is skipped.
 */
final class ManifestFiles {
  private ManifestFiles() {}

  /** A cheap look before parsing: some line starts with {@code apiVersion:} and some with {@code kind:} (or a List's {@code - }). */
  static boolean looksLikeManifest(String text) {
    return startsALine(text, "apiVersion:") && startsALine(text, "kind:");
  }

  private static boolean startsALine(String text, String word) {
    for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
      if (i == 0 || text.charAt(i - 1) == '\n' || (text.charAt(i - 1) == '\uFEFF' && i == 1)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The NetworkPolicies of every manifest among {@code files}: a policy usually lives in another
   * file than the workloads it selects, so each manifest is judged against all of them. Only files
   * that name the kind are parsed; one that cannot be read or parsed adds none (its own scan says why).
   */
  static List<NetworkPolicyRef> networkPolicies(List<Path> files) {
    List<NetworkPolicyRef> out = new ArrayList<>();
    for (Path f : files) {
      Path name = f.getFileName();
      if (name == null || !DockerfileFinder.isYamlName(name.toString())) {
        continue;
      }
      try {
        String text = new String(InputFiles.read(f), StandardCharsets.UTF_8);
        if (text.contains("NetworkPolicy") && looksLikeManifest(text)) {
          out.addAll(KubernetesTarget.parse(f.toString(), text).ownPolicies());
        }
      } catch (IOException | YamlException | RuntimeException e) {
        // reported by the file's own scan
      }
    }
    return List.copyOf(out);
  }

  /** The file's report, or null when it is not a Kubernetes manifest (nothing to report). */
  static FileReport scan(String display, byte[] bytes, LintConfig config, String relative, Linter<KubernetesTarget> linter) {
    return scan(display, bytes, config, relative, linter, null);
  }

  /** The same, with the scan's NetworkPolicies ({@code null}: only the file's own). */
  static FileReport scan(String display, byte[] bytes, LintConfig config, String relative, Linter<KubernetesTarget> linter,
      List<NetworkPolicyRef> policies) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (!looksLikeManifest(text)) {
      return null;
    }
    KubernetesTarget target;
    try {
      target = KubernetesTarget.parse(display, text);
    } catch (YamlException e) {
      if (text.contains("{{")) {
        return null; // a template: its YAML exists only once it is rendered
      }
      return FileReport.failed(display, "invalid YAML at line " + e.line() + ", column " + e.column() + ": " + e.reason());
    }
    if (!target.isManifest()) {
      return null;
    }
    target = target.withConfig(config, relative);
    if (policies != null) {
      target = target.withScanPolicies(policies);
    }
    List<Finding> findings = linter.lint(target);
    return FileReport.of(display, findings, text);
  }
}
