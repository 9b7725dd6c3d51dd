package dev.bulwark.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The generated files are what they claim: the YAML reads back, the Compose file validates against
 * the compose-spec schema, the manifests read strictly into fabric8's typed Kubernetes model, the
 * run line is valid shell, and every setting the issue asks for is there.
 */
class GeneratedSettingsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path COMPOSE_SCHEMA = Path.of("../../shared/data/schemas/compose-spec/compose-spec.json");

  /** Shapes of real Dockerfiles: plain, privileged port, named user, volumes and healthcheck, distroless multi-stage, nothing. */
  static Stream<String> dockerfiles() {
    return Stream.of(
        "FROM python:3.12\nWORKDIR /app\nCOPY . .\nEXPOSE 80\nCMD [\"flask\", \"run\"]\n",
        "FROM node:22-alpine\nRUN addgroup -g 1001 web && adduser -D -u 1001 -G web web\nUSER web\nEXPOSE 3000 9229\n"
            + "HEALTHCHECK --interval=20s --timeout=3s --start-period=10s --retries=4 CMD wget -qO- http://localhost:3000/health || exit 1\n",
        "FROM postgres:17\nVOLUME /var/lib/postgresql/data\nEXPOSE 5432\nUSER 999:999\n",
        "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n"
            + "EXPOSE 8080 53/udp\nHEALTHCHECK CMD [\"/app\", \"-health\"]\nENTRYPOINT [\"/app\"]\n",
        "FROM alpine:3.20\nCMD [\"worker\"]\n",
        "");
  }

  private static RuntimeProfile profile(String dockerfile) {
    return RuntimeProfiles.of(BuildModel.of(DockerfileParser.parse(dockerfile)), "web app", "registry.example.com/web-app:1.4.2");
  }

  private static List<Object> yamlDocuments(String text) {
    List<Object> docs = new ArrayList<>();
    new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadAllFromString(text).forEach(docs::add);
    return docs;
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void theComposeFileValidatesAndLocksTheServiceDown(String dockerfile) throws Exception {
    String compose = ComposeWriter.write(profile(dockerfile));
    JsonNode doc = JSON.valueToTree(yamlDocuments(compose).getFirst());
    JsonNode svc = doc.path("services").path("web-app");
    assertThat(svc.path("read_only").asBoolean()).isTrue();
    assertThat(svc.path("cap_drop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(svc.path("security_opt").toString()).contains("no-new-privileges:true");
    assertThat(svc.path("user").asText()).matches("\\d+:\\d+").doesNotStartWith("0:");
    assertThat(svc.path("pids_limit").asInt()).isPositive();
    assertThat(svc.path("mem_limit").asText()).isNotEmpty();
    svc.path("ports").forEach(p -> assertThat(p.asText()).startsWith("127.0.0.1:"));
    assertThat(doc.path("networks").path("back").path("internal").asBoolean()).isTrue();
    assertThat(svc.path("networks").toString()).contains(svc.has("ports") ? "front" : "back");
    assertThat(schemaErrors(doc)).as(compose).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void theChecksThemselvesCatchAMisspeltField() throws Exception {
    String compose = ComposeWriter.write(profile("FROM alpine:3.20\nEXPOSE 8080\n")).replace("read_only:", "readonly:");
    assertThat(schemaErrors(JSON.valueToTree(yamlDocuments(compose).getFirst()))).isNotEmpty();
    String k8s = KubernetesWriter.write(profile("FROM alpine:3.20\nEXPOSE 8080\n")).replace("readOnlyRootFilesystem", "readOnlyRootFileSystem");
    Deployment d = JSON.treeToValue(JSON.valueToTree(yamlDocuments(k8s).getFirst()), Deployment.class);
    assertThat(unknownFields(d, "")).singleElement().asString().endsWith(".readOnlyRootFileSystem");
  }

  private static Set<ValidationMessage> schemaErrors(JsonNode doc) throws Exception {
    assumeTrue(Files.isRegularFile(COMPOSE_SCHEMA), "the compose-spec schema is not in ../shared/data: schema validation skipped");
    JsonNode schemaNode = JSON.readTree(COMPOSE_SCHEMA.toFile());
    // its $id is relative ("compose_spec.json"), which the validator refuses as a base: give it an absolute one in memory
    ((com.fasterxml.jackson.databind.node.ObjectNode) schemaNode).put("$id", "https://compose-spec.io/compose_spec.json");
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaNode);
    return schema.validate(doc);
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void theManifestsReadStrictlyAndMeetTheRestrictedLevel(String dockerfile) throws Exception {
    RuntimeProfile p = profile(dockerfile);
    List<Object> docs = yamlDocuments(KubernetesWriter.write(p));
    List<HasMetadata> objects = new ArrayList<>();
    for (Object d : docs) {
      JsonNode node = JSON.valueToTree(d);
      Class<? extends HasMetadata> type = switch (node.path("kind").asText()) {
        case "Deployment" -> Deployment.class;
        case "Service" -> Service.class;
        case "NetworkPolicy" -> NetworkPolicy.class;
        default -> throw new AssertionError("unexpected kind " + node.path("kind"));
      };
      HasMetadata object = JSON.treeToValue(node, type);
      assertThat(unknownFields(object, "")).as("fields fabric8's model does not know").isEmpty();
      objects.add(object);
    }
    Deployment deployment = (Deployment) objects.getFirst();
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    var container = pod.getContainers().getFirst();
    var sc = container.getSecurityContext();
    assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
    assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
    if (!p.ports().isEmpty()) {
      assertThat(container.getLivenessProbe()).isNotNull();
      assertThat(container.getReadinessProbe()).isNotNull();
      assertThat(objects).anySatisfy(o -> assertThat(o).isInstanceOf(Service.class));
    }
    assertThat(objects).filteredOn(o -> o instanceof NetworkPolicy).extracting(o -> o.getMetadata().getName())
        .contains("default-deny-all", "web-app");
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void theRunLineIsValidShellWithEveryLockDownFlag(String dockerfile) throws Exception {
    String run = DockerRunWriter.write(profile(dockerfile));
    assertThat(run).contains("--read-only", "--cap-drop ALL", "--security-opt no-new-privileges", "--pids-limit", "--memory", "--tmpfs /tmp:");
    assertThat(run).containsPattern("--user [1-9]\\d*:\\d+");
    assertThat(run).doesNotContainPattern("--publish (?!127\\.0\\.0\\.1:)");
    Path sh = Path.of("/bin/sh");
    assumeTrue(Files.isExecutable(sh), "no /bin/sh to check the syntax with");
    Path script = Files.createTempFile("bulwark-run", ".sh");
    try {
      Files.writeString(script, run, StandardCharsets.UTF_8);
      Process check = new ProcessBuilder(sh.toString(), "-n", script.toString()).redirectErrorStream(true).start();
      assertThat(check.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(check.exitValue()).as(new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    } finally {
      Files.delete(script);
    }
  }

  /**
   * Paths of fields fabric8 kept in an {@code additionalProperties} map: its models accept any field
   * there, so a misspelt field would otherwise read back without an error.
   */
  private static List<String> unknownFields(Object o, String path) throws Exception {
    List<String> unknown = new ArrayList<>();
    collect(o, path, unknown, new IdentityHashMap<>());
    return unknown;
  }

  private static void collect(Object o, String path, List<String> unknown, Map<Object, Boolean> seen) throws Exception {
    if (o == null || seen.put(o, true) != null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum) {
      return;
    }
    if (o instanceof Collection<?> c) {
      int i = 0;
      for (Object e : c) {
        collect(e, path + "[" + i++ + "]", unknown, seen);
      }
      return;
    }
    if (o instanceof Map<?, ?> m) {
      for (var e : m.entrySet()) {
        collect(e.getValue(), path + "." + e.getKey(), unknown, seen);
      }
      return;
    }
    if (!o.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value = m.invoke(o);
      if (m.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          extra.keySet().forEach(k -> unknown.add(path + "." + k));
        }
      } else {
        collect(value, path + "." + m.getName().substring(3), unknown, seen);
      }
    }
  }
}
