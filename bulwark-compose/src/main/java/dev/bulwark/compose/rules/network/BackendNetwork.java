package dev.bulwark.compose.rules.network;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.model.Fields;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * BW-C020: a data store (by its image) that publishes no ports, on a network that is not {@code internal: true} together
 * with a service that does: once per data store, at the network it shares (or its name, on the implicit default network);
 * medium when that network is external (shared with other projects, a reverse proxy's network). Other back-ends (an API
 * behind a front end) are not reported: they often need egress, and the data is what an internal network protects.
 */
public final class BackendNetwork extends ComposeRule {
  /** Image names (last path part, as a prefix) of data stores. */
  private static final List<String> DATA_STORES = List.of("postgres", "mysql", "mariadb", "mongo", "redis", "valkey", "keydb",
      "memcached", "elasticsearch", "opensearch", "couchdb", "couchbase", "influxdb", "cassandra", "scylla", "rabbitmq", "neo4j",
      "clickhouse", "cockroach", "mssql", "etcd", "zookeeper", "kafka", "pgvector", "timescaledb", "postgis", "percona", "dragonfly");

  public BackendNetwork() {
    super("BW-C020", "Data store on a network that is not internal", Severity.LOW, Category.ATTACK_SURFACE,
        "A service that publishes ports is the one an attacker reaches first. A data store (a database, a cache, a queue) on the"
            + " same network that is not `internal: true` is one hop from it and can itself reach the internet, which is how"
            + " data leaves and payloads arrive. An internal back-end network, joined by the front service too, keeps the"
            + " back-end reachable only by the services that need it (Kubernetes: a default-deny NetworkPolicy).",
        "Put back-end services on their own network with `internal: true` (top-level `networks: {backend: {internal: true}}`),"
            + " and give the published service both `frontend` and `backend`; leave egress only to services that need it.",
        List.of());
  }

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    YamlMapping declared = target.networks();
    List<ComposeService> front = new ArrayList<>();
    for (ComposeService s : target.services()) {
      if (attached(s) && s.body().get("ports") instanceof YamlSequence p && !p.items().isEmpty()) {
        front.add(s);
      }
    }
    if (front.isEmpty()) {
      return;
    }
    for (ComposeService s : target.services()) {
      String store = dataStore(s);
      if (!attached(s) || front.contains(s) || store == null) {
        continue;
      }
      for (Network n : networks(s)) {
        if (isInternal(declared, n.name())) {
          continue;
        }
        ComposeService f = sharing(front, n.name());
        if (f != null) {
          boolean external = isExternal(declared, n.name());
          String net = n.node() == null ? "the default network" : "network " + n.name() + (external ? " (external: shared with other projects)" : "");
          report.accept(finding(target, external ? Severity.MEDIUM : Severity.LOW, s.displayName() + " (" + store + ") publishes no ports"
              + " but is on " + net + ", which is not internal, with " + f.displayName() + ", which publishes ports",
              n.node() == null ? s.key() : n.node(), s.name()));
          break;
        }
      }
    }
  }

  /** A network the service is on, with the node naming it (null for the implicit default). */
  private record Network(String name, YamlNode node) {}

  /** Services with their own network namespace (no {@code network_mode}) are on Compose networks. */
  private static boolean attached(ComposeService s) {
    return s.body().get("network_mode") == null;
  }

  private static List<Network> networks(ComposeService s) {
    List<Network> out = new ArrayList<>();
    YamlNode n = s.body().get("networks");
    if (n instanceof YamlSequence seq) {
      for (YamlNode i : seq.items()) {
        if (i instanceof YamlScalar x && !x.isNull()) {
          out.add(new Network(x.value(), x));
        }
      }
    } else if (n instanceof YamlMapping m) {
      for (YamlMapping.Entry e : m.entries()) {
        out.add(new Network(e.key().value(), e.key()));
      }
    }
    if (n == null) {
      out.add(new Network("default", null));
    }
    return out;
  }

  private static ComposeService sharing(List<ComposeService> front, String network) {
    for (ComposeService f : front) {
      for (Network n : networks(f)) {
        if (n.name().equals(network)) {
          return f;
        }
      }
    }
    return null;
  }

  /** True when the top-level network is {@code internal: true} (a variable counts: its value is not known here). */
  private static boolean isInternal(YamlMapping declared, String name) {
    YamlMapping m = declared == null ? null : declared.mapping(name);
    YamlScalar internal = m == null ? null : m.scalar("internal");
    return internal != null && (ComposeTarget.isTrue(internal) || Fields.isVariable(internal.value()));
  }

  private static boolean isExternal(YamlMapping declared, String name) {
    YamlMapping m = declared == null ? null : declared.mapping(name);
    return m != null && (ComposeTarget.isTrue(m.get("external")) || m.get("external") instanceof YamlMapping);
  }

  /** The data store the service's image names ({@code postgres} for {@code bitnami/postgresql:16}), or null. */
  static String dataStore(ComposeService s) {
    String name = Fields.imageName(s);
    if (name == null) {
      return null;
    }
    for (String d : DATA_STORES) {
      if (name.startsWith(d)) {
        return d;
      }
    }
    return null;
  }
}
