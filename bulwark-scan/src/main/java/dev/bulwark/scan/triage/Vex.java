package dev.bulwark.scan.triage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.packageurl.MalformedPackageURLException;
import dev.bulwark.sbom.Package;
import dev.bulwark.vuln.match.VulnFinding;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * VEX statements (OpenVEX 0.2.0 and its 0.0.x forms, CycloneDX 1.4-1.6 {@code vulnerabilities[]} with an
 * {@code analysis}) as one triage step. A statement applies to a finding when one of its vulnerability ids (name,
 * {@code @id}, aliases; CycloneDX id and reference ids) is one of the finding's ids, and one of its products (or, when
 * it lists subcomponents, one of those) matches the package as a {@link PurlPattern}. Of the statements that apply, the
 * latest ({@code last_updated}, else {@code timestamp}, else the document's; CycloneDX {@code analysis.lastUpdated},
 * {@code updated}, {@code published}, {@code metadata.timestamp}) wins, as OpenVEX says; among equal times the later
 * one given (later in the file, later file). Only {@code not_affected}/{@code false_positive} and
 * {@code fixed}/{@code resolved} suppress: a later {@code affected} or {@code under_investigation} statement takes an
 * earlier {@code not_affected} back.
 *
 * <p>OpenVEX subcomponents: the product a statement names (usually the image) is not checked against the scanned
 * image, which Bulwark gives no purl; the subcomponent must match the package.
 */
public final class Vex implements Triage {
  /** OpenVEX's and CycloneDX's words, normalised: what a statement says of its products. */
  public enum Status {
    NOT_AFFECTED, AFFECTED, FIXED, UNDER_INVESTIGATION
  }

  /** One statement: the ids it is about, the packages, what it says and when. */
  public record Statement(Set<String> ids, List<PurlPattern> products, Status status, String justification, String detail, Instant time,
      String source) {
    public Statement {
      ids = Set.copyOf(ids);
      products = List.copyOf(products);
    }
  }

  private static final Set<String> OPENVEX_JUSTIFICATIONS = Set.of("component_not_present", "vulnerable_code_not_present",
      "vulnerable_code_not_in_execute_path", "vulnerable_code_cannot_be_controlled_by_adversary", "inline_mitigations_already_exist");
  private static final Set<String> CYCLONEDX_JUSTIFICATIONS = Set.of("code_not_present", "code_not_reachable", "requires_configuration",
      "requires_dependency", "requires_environment", "protected_by_compiler", "protected_at_runtime", "protected_at_perimeter",
      "protected_by_mitigating_control");
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final List<Statement> statements;
  private final Map<String, List<Integer>> byId = new HashMap<>();

  /** Statements in the order given: a later one wins a tie in time. */
  public Vex(List<Statement> statements) {
    this.statements = List.copyOf(statements);
    for (int i = 0; i < this.statements.size(); i++) {
      for (String id : this.statements.get(i).ids()) byId.computeIfAbsent(id, k -> new ArrayList<>()).add(i);
    }
  }

  /** The statements of several documents, in order. */
  public static Vex of(List<Vex> documents) {
    List<Statement> all = new ArrayList<>();
    for (Vex d : documents) all.addAll(d.statements);
    return new Vex(all);
  }

  public List<Statement> statements() {
    return statements;
  }

  @Override
  public String basis() {
    return "VEX";
  }

  @Override
  public Optional<Suppression> judge(VulnFinding v, Package reported) {
    Statement best = null;
    int bestIndex = -1;
    Set<Integer> seen = new java.util.TreeSet<>();
    for (String id : v.ids()) seen.addAll(byId.getOrDefault(id, List.of()));
    for (int i : seen) { // ascending: a later statement wins a tie
      Statement s = statements.get(i);
      if (s.products().stream().noneMatch(p -> p.matches(reported))) continue;
      if (best == null || !s.time().isBefore(best.time())) {
        best = s;
        bestIndex = i;
      }
    }
    if (best == null || bestIndex < 0) return Optional.empty();
    return switch (best.status()) {
      case NOT_AFFECTED -> Optional.of(new Suppression(Suppression.NOT_AFFECTED, best.justification(), best.detail(), best.source()));
      case FIXED -> Optional.of(new Suppression(Suppression.FIXED, best.justification(), best.detail(), best.source()));
      default -> Optional.empty();
    };
  }

  /** An OpenVEX or CycloneDX VEX JSON document; {@code name} (the file as typed) starts every error and each statement's source. */
  public static Vex parse(byte[] json, String name) throws TriageException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new TriageException(name + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr()) + ": not a VEX document (not valid JSON: "
          + (e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage().lines().findFirst().orElse("")) + ")");
    } catch (IOException e) {
      throw new TriageException(name + ": not a VEX document (" + e.getMessage() + ")");
    }
    if (root == null || !root.isObject()) throw new TriageException(name + ": not a VEX document (not a JSON object)");
    String context = root.path("@context").asText("");
    if (context.startsWith("https://openvex.dev/ns")) return new Vex(new OpenVex(name, root).statements());
    if ("CycloneDX".equals(root.path("bomFormat").asText(null))) return new Vex(new CycloneDxVex(name, root).statements());
    throw new TriageException(name + ": not a VEX document (neither OpenVEX, whose @context is https://openvex.dev/ns…, nor CycloneDX,"
        + " whose bomFormat is CycloneDX)");
  }

  /** Reads one document's parts, naming the JSON path of what is wrong. */
  private abstract static class Reader {
    final String name;
    final JsonNode root;

    Reader(String name, JsonNode root) {
      this.name = name;
      this.root = root;
    }

    TriageException error(String path, String reason) {
      return new TriageException(name + ": " + path + ": " + reason);
    }

    String text(JsonNode n, String path, boolean required) throws TriageException {
      if (n.isMissingNode() || n.isNull()) {
        if (required) throw error(path, "missing");
        return null;
      }
      if (!n.isTextual()) throw error(path, "not a string");
      String s = n.asText().strip();
      if (s.isEmpty() && required) throw error(path, "empty");
      return s.isEmpty() ? null : s;
    }

    List<JsonNode> array(JsonNode n, String path, boolean required) throws TriageException {
      if (n.isMissingNode() || n.isNull()) {
        if (required) throw error(path, "missing");
        return List.of();
      }
      if (!n.isArray()) throw error(path, "not an array");
      List<JsonNode> out = new ArrayList<>();
      n.forEach(out::add);
      return out;
    }

    Instant time(JsonNode n, String path) throws TriageException {
      String s = text(n, path, false);
      if (s == null) return null;
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return Instant.parse(s);
        } catch (DateTimeParseException e2) {
          throw error(path, "not an RFC 3339 time: " + s);
        }
      }
    }

    /** A justification, one of the format's words, or null. */
    String justification(JsonNode n, String path, Set<String> words) throws TriageException {
      String j = text(n, path, false);
      if (j != null && !words.contains(j)) {
        throw error(path, "unknown justification '" + j + "' (" + String.join(", ", new java.util.TreeSet<>(words)) + ")");
      }
      return j;
    }

    PurlPattern purl(String s, String path) throws TriageException {
      try {
        return PurlPattern.parse(s);
      } catch (MalformedPackageURLException e) {
        throw error(path, "not a package URL: " + s + " (" + e.getMessage() + ")");
      }
    }

    static Instant first(Instant... times) {
      for (Instant t : times) if (t != null) return t;
      return Instant.EPOCH;
    }
  }

  private static final class OpenVex extends Reader {
    OpenVex(String name, JsonNode root) {
      super(name, root);
    }

    List<Statement> statements() throws TriageException {
      Instant docTime = time(root.path("timestamp"), "timestamp");
      Instant docUpdated = time(root.path("last_updated"), "last_updated");
      List<Statement> out = new ArrayList<>();
      List<JsonNode> list = array(root.path("statements"), "statements", true);
      for (int i = 0; i < list.size(); i++) {
        String at = "statements[" + i + "]";
        JsonNode s = list.get(i);
        if (!s.isObject()) throw error(at, "not an object");
        Set<String> ids = new LinkedHashSet<>();
        JsonNode vuln = s.path("vulnerability");
        if (vuln.isTextual()) {
          ids.add(text(vuln, at + ".vulnerability", true)); // OpenVEX 0.0.x
        } else if (vuln.isObject()) {
          String n = text(vuln.path("name"), at + ".vulnerability.name", false);
          String id = text(vuln.path("@id"), at + ".vulnerability.@id", false);
          if (n != null) ids.add(n);
          if (id != null) ids.add(id);
          for (JsonNode a : array(vuln.path("aliases"), at + ".vulnerability.aliases", false)) ids.add(text(a, at + ".vulnerability.aliases[]", true));
        } else {
          throw error(at + ".vulnerability", vuln.isMissingNode() ? "missing" : "neither an object nor a string");
        }
        if (ids.isEmpty()) throw error(at + ".vulnerability", "has no name, @id or aliases");
        List<PurlPattern> products = new ArrayList<>();
        List<PurlPattern> subcomponents = new ArrayList<>();
        List<JsonNode> prods = array(s.path("products"), at + ".products", true);
        for (int j = 0; j < prods.size(); j++) {
          String pat = at + ".products[" + j + "]";
          JsonNode p = prods.get(j);
          products.addAll(component(p, pat));
          if (p.isObject()) {
            List<JsonNode> subs = array(p.path("subcomponents"), pat + ".subcomponents", false);
            for (int k = 0; k < subs.size(); k++) subcomponents.addAll(component(subs.get(k), pat + ".subcomponents[" + k + "]"));
          }
        }
        List<JsonNode> legacySubs = array(s.path("subcomponents"), at + ".subcomponents", false); // OpenVEX 0.0.x
        for (int k = 0; k < legacySubs.size(); k++) subcomponents.addAll(component(legacySubs.get(k), at + ".subcomponents[" + k + "]"));
        String statusText = text(s.path("status"), at + ".status", true);
        Status status = switch (statusText) {
          case "not_affected" -> Status.NOT_AFFECTED;
          case "affected" -> Status.AFFECTED;
          case "fixed" -> Status.FIXED;
          case "under_investigation" -> Status.UNDER_INVESTIGATION;
          default -> throw error(at + ".status", "unknown status '" + statusText + "' (not_affected, affected, fixed or under_investigation)");
        };
        String justification = justification(s.path("justification"), at + ".justification", OPENVEX_JUSTIFICATIONS);
        String impact = text(s.path("impact_statement"), at + ".impact_statement", false);
        String notes = text(s.path("status_notes"), at + ".status_notes", false);
        String action = text(s.path("action_statement"), at + ".action_statement", false);
        String detail = impact != null ? impact : notes != null ? notes : status == Status.AFFECTED ? action : null;
        Instant when = first(time(s.path("last_updated"), at + ".last_updated"), time(s.path("timestamp"), at + ".timestamp"), docUpdated, docTime);
        List<PurlPattern> matched = subcomponents.isEmpty() ? products : subcomponents;
        out.add(new Statement(ids, matched, status, justification, detail, when, "openvex " + name + " " + at));
      }
      return out;
    }

    /** A product or subcomponent: its {@code @id} when that is a purl, and {@code identifiers.purl}; 0.0.x: a purl string. */
    private List<PurlPattern> component(JsonNode p, String at) throws TriageException {
      List<PurlPattern> out = new ArrayList<>();
      if (p.isTextual()) {
        String s = text(p, at, true);
        if (s.startsWith("pkg:")) out.add(purl(s, at));
        return out;
      }
      if (!p.isObject()) throw error(at, "neither an object nor a string");
      String id = text(p.path("@id"), at + ".@id", false);
      if (id != null && id.startsWith("pkg:")) out.add(purl(id, at + ".@id"));
      String purl = text(p.path("identifiers").path("purl"), at + ".identifiers.purl", false);
      if (purl != null) out.add(purl(purl, at + ".identifiers.purl"));
      return out;
    }
  }

  private static final class CycloneDxVex extends Reader {
    CycloneDxVex(String name, JsonNode root) {
      super(name, root);
    }

    List<Statement> statements() throws TriageException {
      String spec = text(root.path("specVersion"), "specVersion", true);
      if (!spec.equals("1.4") && !spec.equals("1.5") && !spec.equals("1.6")) {
        throw error("specVersion", "CycloneDX " + spec + " (VEX is read from 1.4, 1.5 and 1.6)");
      }
      Map<String, String> refs = new HashMap<>();
      components(root.path("metadata").path("component"), refs, 0);
      for (JsonNode c : array(root.path("components"), "components", false)) components(c, refs, 0);
      Instant docTime = time(root.path("metadata").path("timestamp"), "metadata.timestamp");
      List<Statement> out = new ArrayList<>();
      List<JsonNode> vulns = array(root.path("vulnerabilities"), "vulnerabilities", true);
      for (int i = 0; i < vulns.size(); i++) {
        String at = "vulnerabilities[" + i + "]";
        JsonNode v = vulns.get(i);
        if (!v.isObject()) throw error(at, "not an object");
        JsonNode analysis = v.path("analysis");
        if (analysis.isMissingNode() || analysis.isNull()) continue; // a vulnerability without an analysis says nothing of its status
        Set<String> ids = new LinkedHashSet<>();
        ids.add(text(v.path("id"), at + ".id", true));
        for (JsonNode r : array(v.path("references"), at + ".references", false)) {
          String id = text(r.path("id"), at + ".references[].id", false);
          if (id != null) ids.add(id);
        }
        String state = text(analysis.path("state"), at + ".analysis.state", true);
        Status status = switch (state) {
          case "not_affected", "false_positive" -> Status.NOT_AFFECTED;
          case "resolved", "resolved_with_pedigree" -> Status.FIXED;
          case "exploitable" -> Status.AFFECTED;
          case "in_triage" -> Status.UNDER_INVESTIGATION;
          default -> throw error(at + ".analysis.state", "unknown state '" + state
              + "' (resolved, resolved_with_pedigree, exploitable, in_triage, false_positive or not_affected)");
        };
        String justification = justification(analysis.path("justification"), at + ".analysis.justification", CYCLONEDX_JUSTIFICATIONS);
        String detail = text(analysis.path("detail"), at + ".analysis.detail", false);
        if (state.equals("false_positive")) detail = detail == null ? "false positive" : "false positive: " + detail;
        List<PurlPattern> products = new ArrayList<>();
        List<JsonNode> affects = array(v.path("affects"), at + ".affects", true);
        for (int j = 0; j < affects.size(); j++) {
          String rat = at + ".affects[" + j + "].ref";
          String ref = text(affects.get(j).path("ref"), rat, true);
          products.add(purl(resolve(ref, refs, rat), rat));
        }
        Instant when = first(time(analysis.path("lastUpdated"), at + ".analysis.lastUpdated"), time(v.path("updated"), at + ".updated"),
            time(v.path("published"), at + ".published"), docTime);
        out.add(new Statement(ids, products, status, justification, detail, when, "cyclonedx vex " + name + " " + at));
      }
      return out;
    }

    /** A ref is a purl, a bom-ref of a component of this document, or a BOM-Link ({@code urn:cdx:…#ref}) to one. */
    private String resolve(String ref, Map<String, String> refs, String at) throws TriageException {
      String r = ref;
      if (r.startsWith("urn:cdx:") && r.indexOf('#') > 0) {
        try {
          r = java.net.URLDecoder.decode(r.substring(r.indexOf('#') + 1), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) { // a % not followed by two hex digits (found by TriageFuzzTest#vex)
          throw error(at, "'" + ref + "' is a BOM-Link whose fragment is not percent-encoded (" + e.getMessage() + ")");
        }
      }
      if (refs.containsKey(r)) return refs.get(r);
      if (r.startsWith("pkg:")) return r;
      throw error(at, "'" + ref + "' is neither a package URL nor the bom-ref of a component with a purl in this document");
    }

    private void components(JsonNode c, Map<String, String> refs, int depth) throws TriageException {
      if (!c.isObject() || depth > 64) return;
      String ref = c.path("bom-ref").asText(null);
      String purl = c.path("purl").asText(null);
      if (ref != null && purl != null) refs.put(ref, purl);
      for (JsonNode n : array(c.path("components"), "components", false)) components(n, refs, depth + 1);
    }
  }
}
