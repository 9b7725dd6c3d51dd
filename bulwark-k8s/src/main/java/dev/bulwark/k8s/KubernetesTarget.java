package dev.bulwark.k8s;

import dev.bulwark.core.LintConfig;
import dev.bulwark.core.Suppressions;
import dev.bulwark.core.Target;
import dev.bulwark.core.text.SourceText;
import dev.bulwark.core.text.Span;
import dev.bulwark.yaml.YamlDocument;
import dev.bulwark.yaml.YamlException;
import dev.bulwark.yaml.YamlLoader;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlPragmas;
import dev.bulwark.yaml.YamlSequence;
import dev.bulwark.yaml.YamlStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One manifest file as a lint target: its Kubernetes objects (each document with a top-level
 * {@code apiVersion} and {@code kind}, and the items of a {@code kind: List}) and every pod spec
 * in them, with their positions. Immutable; the settings are given with {@link #withConfig}.
 */
public final class KubernetesTarget implements Target {
  /** The Kubernetes minor version the Pod Security Standards are checked as of: the newest the checks know. */
  public static final int LATEST_MINOR = 37;

  private final String path;
  private final YamlStream yaml;
  private final List<KubeObject> objects;
  private final List<PodSpec> podSpecs;
  private final LintConfig config;
  private final String relativePath;
  private final YamlPragmas pragmas;
  private final List<NetworkPolicyRef> scanPolicies; // null: only this file's are known

  private KubernetesTarget(String path, YamlStream yaml, List<KubeObject> objects, List<PodSpec> podSpecs, LintConfig config,
      String relativePath, YamlPragmas pragmas, List<NetworkPolicyRef> scanPolicies) {
    this.path = path;
    this.yaml = yaml;
    this.objects = objects;
    this.podSpecs = podSpecs;
    this.config = config;
    this.relativePath = relativePath;
    this.pragmas = pragmas;
    this.scanPolicies = scanPolicies;
  }

  /** Loads {@code text} (see {@link YamlLoader} for the limits); a file with no Kubernetes object has {@link #isManifest()} false. */
  public static KubernetesTarget parse(String path, String text) throws YamlException {
    YamlStream yaml = YamlLoader.load(path, text);
    List<KubeObject> objects = new ArrayList<>();
    for (YamlDocument d : yaml.documents()) {
      if (d.root() instanceof YamlMapping m) {
        collect(m, objects, true);
      }
    }
    List<PodSpec> pods = new ArrayList<>();
    for (KubeObject o : objects) {
      PodSpec p = podSpecOf(o);
      if (p != null) {
        pods.add(p);
      }
    }
    return new KubernetesTarget(path, yaml, List.copyOf(objects), List.copyOf(pods), LintConfig.DEFAULT, path, YamlPragmas.of(yaml.source()), null);
  }

  /** True when {@code m} has a string apiVersion and kind at its top level: what makes a YAML document a Kubernetes object. */
  public static boolean isObject(YamlMapping m) {
    return m.string("apiVersion") != null && m.string("kind") != null;
  }

  private static void collect(YamlMapping m, List<KubeObject> out, boolean top) {
    if (!isObject(m)) {
      return;
    }
    String kind = m.string("kind");
    YamlSequence items = m.sequence("items");
    if (top && kind.endsWith("List") && items != null) {
      for (YamlNode item : items.items()) {
        if (item instanceof YamlMapping im) {
          collect(im, out, false);
        }
      }
      return;
    }
    YamlMapping meta = m.mapping("metadata");
    out.add(new KubeObject(m.string("apiVersion"), kind, meta == null ? null : meta.string("name"), meta == null ? null : meta.string("namespace"), m));
  }

  /** Where each kind keeps its pod template (the kinds pod-security-admission evaluates), or null for other kinds. */
  private static PodSpec podSpecOf(KubeObject o) {
    YamlMapping n = o.node();
    YamlMapping spec = n.mapping("spec");
    switch (o.kind()) {
      case "Pod":
        return spec == null ? null : new PodSpec(o, n.mapping("metadata"), spec);
      case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job":
        return template(o, spec == null ? null : spec.mapping("template"));
      case "CronJob": {
        YamlMapping job = spec == null ? null : spec.mapping("jobTemplate");
        YamlMapping jobSpec = job == null ? null : job.mapping("spec");
        return template(o, jobSpec == null ? null : jobSpec.mapping("template"));
      }
      case "PodTemplate":
        return template(o, n.mapping("template"));
      default:
        return null;
    }
  }

  private static PodSpec template(KubeObject o, YamlMapping template) {
    YamlMapping spec = template == null ? null : template.mapping("spec");
    return spec == null ? null : new PodSpec(o, template.mapping("metadata"), spec);
  }

  public KubernetesTarget withConfig(LintConfig settings, String relative) {
    return new KubernetesTarget(path, yaml, objects, podSpecs, settings, relative, pragmas, scanPolicies);
  }

  /**
   * This file with the NetworkPolicies of every manifest of the scan (this file's included): a
   * policy usually lives in another file than the workloads it selects, as kube-score reads them.
   */
  public KubernetesTarget withScanPolicies(List<NetworkPolicyRef> policies) {
    return new KubernetesTarget(path, yaml, objects, podSpecs, config, relativePath, pragmas, List.copyOf(policies));
  }

  /** The NetworkPolicies that may select this file's pods: the scan's, when given, else this file's own. */
  public List<NetworkPolicyRef> networkPolicies() {
    return scanPolicies != null ? scanPolicies : ownPolicies();
  }

  /** The NetworkPolicies written in this file. */
  public List<NetworkPolicyRef> ownPolicies() {
    List<NetworkPolicyRef> out = new ArrayList<>();
    for (KubeObject o : objects) {
      if (o.kind().equals("NetworkPolicy") && o.apiVersion().startsWith("networking.k8s.io/")) {
        NetworkPolicyRef p = NetworkPolicyRef.of(o);
        if (p != null) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /** True when the file holds at least one Kubernetes object. */
  public boolean isManifest() {
    return !objects.isEmpty();
  }

  public List<KubeObject> objects() {
    return objects;
  }

  public List<PodSpec> podSpecs() {
    return podSpecs;
  }

  public YamlStream yaml() {
    return yaml;
  }

  public SourceText source() {
    return yaml.source();
  }

  /**
   * The Pod Security Standards version {@code pod} is judged at, as pod-security-admission picks
   * it: the {@code pod-security.kubernetes.io/enforce-version} label of its Namespace when that
   * Namespace is in this file, else the config's {@code podSecurityVersion}, else the latest the
   * checks know. Versions past the latest are the latest, as PSA treats them.
   */
  public int pssMinor(PodSpec pod) {
    Integer minor = namespaceVersion(pod.owner().namespace());
    if (minor == null) {
      minor = config.podSecurityMinor();
    }
    return minor == null ? LATEST_MINOR : Math.min(minor, LATEST_MINOR);
  }

  private Integer namespaceVersion(String namespace) {
    if (namespace == null) {
      return null;
    }
    for (KubeObject o : objects) {
      if (o.kind().equals("Namespace") && namespace.equals(o.name())) {
        YamlMapping meta = o.node().mapping("metadata");
        YamlMapping labels = meta == null ? null : meta.mapping("labels");
        String version = labels == null ? null : labels.string("pod-security.kubernetes.io/enforce-version");
        try {
          return version == null ? null : LintConfig.podSecurityMinor(version, "label");
        } catch (LintConfig.ConfigException e) {
          return null; // a label that does not parse is judged as if absent (the API server refuses to store it)
        }
      }
    }
    return null;
  }

  /** The first line of {@code node}: where a finding about a whole mapping (a container, a pod spec) points. */
  public Span head(YamlNode node) {
    return yaml.head(node);
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public LintConfig config() {
    return config;
  }

  @Override
  public String relativePath() {
    return relativePath;
  }

  @Override
  public Suppressions suppressions() {
    return pragmas;
  }
}
