package dev.bulwark.compose.rules.network;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.model.Fields;
import dev.bulwark.compose.rules.model.Port;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import java.util.Map;
import java.util.List;
import java.util.function.Consumer;

/**
 * BW-C013: a port published on every host interface (no host IP, {@code 0.0.0.0} or {@code ::}). A container API that gives
 * control of a host (Docker's 2375/2376, etcd, the kubelet) is high; a database or database admin console port medium (it is usually a local
 * development database, still reachable from the whole network); any other port low.
 */
public final class PublishedPort extends ComposeRule {
  /** Container ports of control APIs: whoever reaches them controls a daemon that runs containers. */
  private static final Map<Integer, String> CONTROL = Map.of(2375, "the Docker API", 2376, "the Docker API", 2379, "etcd", 2380,
      "etcd peer", 10250, "the kubelet API", 4243, "the Docker API");
  /** Container ports only data stores listen on: 5432 is PostgreSQL whatever the image. */
  private static final Map<Integer, String> DATA = Map.ofEntries(Map.entry(5432, "PostgreSQL"), Map.entry(3306, "MySQL/MariaDB"),
      Map.entry(33060, "MySQL X"), Map.entry(1433, "SQL Server"), Map.entry(1521, "Oracle"), Map.entry(6379, "Redis"),
      Map.entry(27017, "MongoDB"), Map.entry(27018, "MongoDB"), Map.entry(11211, "memcached"), Map.entry(5984, "CouchDB"),
      Map.entry(9042, "Cassandra"), Map.entry(2181, "ZooKeeper"), Map.entry(26257, "CockroachDB"), Map.entry(7687, "Neo4j"),
      Map.entry(28015, "RethinkDB"));
  /**
   * Container ports data stores share with other software (9000 is also SonarQube and php-fpm, 9200 ownCloud, 8123 Home
   * Assistant): a data store only when the image is one of these (the prefix of its last path part).
   */
  private static final Map<Integer, List<String>> SHARED = Map.ofEntries(Map.entry(9200, List.of("elasticsearch", "opensearch")),
      Map.entry(9300, List.of("elasticsearch", "opensearch")), Map.entry(9000, List.of("minio", "clickhouse")),
      Map.entry(8123, List.of("clickhouse")), Map.entry(8086, List.of("influxdb")), Map.entry(5672, List.of("rabbitmq")),
      Map.entry(15672, List.of("rabbitmq")), Map.entry(9092, List.of("kafka", "cp-kafka", "redpanda")), Map.entry(8500, List.of("consul")),
      Map.entry(7000, List.of("cassandra", "scylla")), Map.entry(7474, List.of("neo4j")), Map.entry(8529, List.of("arangodb")),
      Map.entry(6333, List.of("qdrant")), Map.entry(19530, List.of("milvus")), Map.entry(4222, List.of("nats")),
      Map.entry(1883, List.of("eclipse-mosquitto", "mosquitto", "emqx")), Map.entry(8080, List.of("adminer", "phpmyadmin")),
      Map.entry(80, List.of("phpmyadmin", "pgadmin", "dpage", "adminer", "mongo-express", "redis-commander")),
      Map.entry(8081, List.of("mongo-express", "redis-commander")));

  public PublishedPort() {
    super("BW-C013", "Port published on every host interface", Severity.MEDIUM, Category.ATTACK_SURFACE,
        "A published port without a host IP listens on every interface of the host: the whole network (and the internet on a"
            + " server with a public address) reaches it, and Docker's iptables rules bypass host firewalls such as ufw. For a"
            + " database, cache or admin console, often run without authentication in development, that is the data; for the"
            + " Docker API (2375) or etcd it is the host. Ports of other services are a low note: they are meant to be reached, but"
            + " rarely from everywhere.",
        "Bind to the interface that needs it: `\"127.0.0.1:5432:5432\"` for local use, a private address for a LAN; or do not"
            + " publish back-end ports at all and let other services reach them over a Compose network.",
        List.of("451d79dc-0588-476a-ad03-3c7f0320abb3", "check_5_14"));
  }

  /** The image's name when it starts with one of {@code names}, else null. */
  private static String imageIs(ComposeService s, List<String> names) {
    String name = Fields.imageName(s);
    if (names == null || name == null) {
      return null;
    }
    for (String n : names) {
      if (name.startsWith(n)) {
        return n;
      }
    }
    return null;
  }

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      if ("host".equals(s.body().string("network_mode"))) {
        continue; // ports are ignored in the host's network namespace; BW-C007 reports that
      }
      for (Port p : Port.of(s)) {
        int port = p.firstTarget();
        if (!p.onAllInterfaces() || port < 0 && !Fields.isVariable(p.target())) {
          continue; // a target that is neither a port nor a variable is no port Compose would publish
        }
        String control = CONTROL.get(port);
        String data = DATA.containsKey(port) ? DATA.get(port) : imageIs(s, SHARED.get(port));
        Severity severity = control != null ? Severity.HIGH : data != null ? Severity.MEDIUM : Severity.LOW;
        String what = control != null ? " (" + control + ")" : data != null ? " (" + data + ")" : "";
        String published = p.published() == null ? "a random host port" : "host port " + p.published();
        // KICS 451d79dc takes any host IP with a dot for a bound one, 0.0.0.0 included; docker-bench 5.14 reports 0.0.0.0
        List<String> ids = p.hostIp() != null && p.hostIp().contains(".") ? List.of("check_5_14") : info().aliases();
        report.accept(finding(target, severity, s.displayName() + " publishes container port " + p.target() + what + " on " + published
            + " on every interface", p.node(), s.name(), ids));
      }
    }
  }
}
