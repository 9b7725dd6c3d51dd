package dev.bulwark.vuln.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.vuln.osv.Advisory;
import dev.bulwark.vuln.osv.OsvFormatException;
import dev.bulwark.vuln.osv.OsvParser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OSV range semantics, case by case: which versions each kind of range affects, through the database's matching. */
class RangeSemanticsTest {

  /** A record with one affected package of {@code ecosystem}/{@code name}; {@code affectedBody} is its ranges/versions. */
  static String record(String id, String ecosystem, String name, String affectedBody) {
    return "{\"id\":\"" + id + "\",\"affected\":[{\"package\":{\"ecosystem\":\"" + ecosystem + "\",\"name\":\"" + name
        + "\"}," + affectedBody + "}]}";
  }

  static String range(String type, String events) {
    return "\"ranges\":[{\"type\":\"" + type + "\",\"events\":[" + events + "]}]";
  }

  static MemoryVulnDatabase db(String... records) throws OsvFormatException {
    List<Advisory> list = new java.util.ArrayList<>();
    for (String r : records) list.add(OsvParser.parse(r));
    return new MemoryVulnDatabase(Instant.EPOCH, List.of("test"), list);
  }

  /** Asserts which of the versions the single record affects. */
  static void check(String ecosystem, String name, String affectedBody, List<String> in, List<String> out) throws OsvFormatException {
    MemoryVulnDatabase db = db(record("T-1", ecosystem, name, affectedBody));
    for (String v : in) assertThat(db.match(ecosystem, name, v).matches()).as("%s affected", v).hasSize(1);
    for (String v : out) {
      MatchResult r = db.match(ecosystem, name, v);
      assertThat(r.matches()).as("%s not affected", v).isEmpty();
      assertThat(r.unknownVersion()).as("%s judged", v).isFalse();
    }
  }

  @Test
  void introducedFixedIsHalfOpen() throws OsvFormatException {
    check("PyPI", "pkg", range("ECOSYSTEM", "{\"introduced\":\"1.0\"},{\"fixed\":\"1.5\"}"),
        List.of("1.0", "1.0.0", "1.2", "1.5rc1", "1.4.99"), List.of("0.9", "1.0rc1", "1.5", "1.5.0", "1.6", "2.0"));
  }

  @Test
  void introducedZeroIsBelowEverything() throws OsvFormatException {
    check("PyPI", "pkg", range("ECOSYSTEM", "{\"introduced\":\"0\"},{\"fixed\":\"2.0\"}"),
        List.of("0.0.1", "0.0.0.dev1", "1.9"), List.of("2.0", "2.0.post1"));
    check("npm", "pkg", range("SEMVER", "{\"introduced\":\"0\"}"), List.of("0.0.0-alpha", "99.0.0"), List.of());
  }

  @Test
  void lastAffectedIsInclusive() throws OsvFormatException {
    check("Maven", "g:a", range("ECOSYSTEM", "{\"introduced\":\"2.0\"},{\"last_affected\":\"2.3\"}"),
        List.of("2.0", "2.3", "2.3.0", "2.1-SNAPSHOT"), List.of("1.9", "2.3.1", "2.4"));
  }

  @Test
  void limitCutsTheRangeOff() throws OsvFormatException {
    // introduced 1.0 with no fix would affect everything above; the limit stops it at 1.8 (exclusive)
    check("crates.io", "pkg", range("SEMVER", "{\"introduced\":\"1.0.0\"},{\"limit\":\"1.8.0\"}"),
        List.of("1.0.0", "1.7.9"), List.of("0.9.0", "1.8.0", "2.0.0"));
    check("crates.io", "pkg", range("SEMVER", "{\"introduced\":\"1.0.0\"},{\"limit\":\"*\"}"), List.of("1.0.0", "9.0.0"), List.of("0.1.0"));
  }

  @Test
  void severalIntroducedFixedPairsInOneRange() throws OsvFormatException {
    check("Go", "example.com/m", range("SEMVER",
            "{\"introduced\":\"0\"},{\"fixed\":\"1.2.3\"},{\"introduced\":\"1.3.0\"},{\"fixed\":\"1.3.4\"}"),
        List.of("v0.1.0", "v1.2.2", "v1.3.0", "v1.3.3", "v0.0.0-20200101000000-abcdefabcdef"),
        List.of("v1.2.3", "v1.2.9", "v1.3.4", "v2.0.0"));
  }

  @Test
  void unsortedEventsAreSortedByTheScheme() throws OsvFormatException {
    // the same pairs, written out of order: OSV leaves event order to the reader; "1.10" > "1.9" as versions
    check("PyPI", "pkg", range("ECOSYSTEM",
            "{\"fixed\":\"1.10\"},{\"introduced\":\"1.9.5\"},{\"fixed\":\"1.2\"},{\"introduced\":\"0\"}"),
        List.of("1.0", "1.1.9", "1.9.5", "1.9.10"), List.of("1.2", "1.5", "1.9.4", "1.10", "1.11"));
  }

  @Test
  void severalRangesAnyOneAffects() throws OsvFormatException {
    check("PyPI", "pkg", "\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"1.0\"},{\"fixed\":\"1.1\"}]},"
            + "{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"2.0\"},{\"fixed\":\"2.1\"}]},"
            + "{\"type\":\"GIT\",\"repo\":\"https://example.com/r\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"abc123\"}]}]",
        List.of("1.0", "2.0.5"), List.of("0.5", "1.1", "1.5", "2.1"));
  }

  @Test
  void gitRangesAloneMatchNothing() throws OsvFormatException {
    check("PyPI", "pkg", range("GIT", "{\"introduced\":\"0\"},{\"fixed\":\"abc123\"}"), List.of(), List.of("1.0", "0"));
  }

  @Test
  void explicitVersionsListAffectsEvenOutsideRanges() throws OsvFormatException {
    check("PyPI", "pkg", range("ECOSYSTEM", "{\"introduced\":\"1.0\"},{\"fixed\":\"1.1\"}") + ",\"versions\":[\"0.5\",\"3.0.0\"]",
        List.of("0.5", "0.5.0", "1.0", "3.0"), List.of("0.6", "1.1", "3.0.1"));
    check("Packagist", "vendor/pkg", "\"versions\":[\"1.0.0\"]", List.of("1.0.0"), List.of());
  }

  @Test
  void anIntervalRestartingAtItsFixJoinsTheNext() throws OsvFormatException {
    // [0, 1.0) and [1.0, 2.0), written with the second pair first: 1.0 is affected, as osv.dev's versions[] has it
    check("PyPI", "pkg", range("ECOSYSTEM", "{\"introduced\":\"1.0\"},{\"fixed\":\"2.0\"},{\"introduced\":\"0\"},{\"fixed\":\"1.0\"}"),
        List.of("0.5", "1.0", "1.5"), List.of("2.0", "2.1"));
  }

  @Test
  void theMatchNamesTheNextFix() throws OsvFormatException {
    MemoryVulnDatabase db = db(record("T-1", "PyPI", "pkg",
        range("ECOSYSTEM", "{\"introduced\":\"0\"},{\"fixed\":\"1.2\"},{\"introduced\":\"1.5\"},{\"fixed\":\"1.7\"}")));
    assertThat(db.match("PyPI", "pkg", "1.0").matches().get(0).fixed()).isEqualTo("1.2");
    assertThat(db.match("PyPI", "pkg", "1.6").matches().get(0).fixed()).isEqualTo("1.7");
    MemoryVulnDatabase open = db(record("T-2", "PyPI", "pkg", range("ECOSYSTEM", "{\"introduced\":\"1.0\"}")));
    assertThat(open.match("PyPI", "pkg", "1.0").matches().get(0).fixed()).isNull();
  }

  @Test
  void aVersionTheSchemeRejectsIsUnknown() throws OsvFormatException {
    MemoryVulnDatabase db = db(record("T-1", "PyPI", "pkg", range("ECOSYSTEM", "{\"introduced\":\"0\"},{\"fixed\":\"2.0\"}")));
    MatchResult r = db.match("PyPI", "pkg", "not a version!");
    assertThat(r.matches()).isEmpty();
    assertThat(r.unknownVersion()).isTrue();
    MemoryVulnDatabase packagist = db(record("T-2", "Packagist", "v/p", range("ECOSYSTEM", "{\"introduced\":\"0\"},{\"fixed\":\"2.0\"}")));
    assertThat(packagist.match("Packagist", "v/p", "1.0").unknownVersion()).as("no Composer scheme yet").isTrue();
    assertThat(db.match("PyPI", "other", "x").unknownVersion()).as("no advisories, nothing to judge").isFalse();
  }

  @Test
  void withdrawnRecordsAreParsedButNotImported() throws Exception {
    Advisory a = OsvParser.parse("{\"id\":\"W-1\",\"withdrawn\":\"2024-01-01T00:00:00Z\",\"affected\":[]}");
    assertThat(a.withdrawn()).isEqualTo("2024-01-01T00:00:00Z");
    java.nio.file.Path f = java.nio.file.Files.createTempFile("osv", ".jsonl");
    try {
      java.nio.file.Files.writeString(f, "{\"id\":\"W-1\",\"withdrawn\":\"2024-01-01T00:00:00Z\",\"affected\":[]}\n"
          + record("K-1", "PyPI", "pkg", range("ECOSYSTEM", "{\"introduced\":\"0\"}")) + "\n");
      dev.bulwark.vuln.osv.OsvImport.Result r = dev.bulwark.vuln.osv.OsvImport.read(f);
      assertThat(r.advisories()).extracting(Advisory::id).containsExactly("K-1");
      assertThat(r.withdrawn()).isEqualTo(1);
    } finally {
      java.nio.file.Files.delete(f);
    }
  }

  @Test
  void distroEcosystemsMatchWithTheirRelease() throws OsvFormatException {
    MemoryVulnDatabase db = db(
        record("DSA-1", "Debian:12", "openssl", range("ECOSYSTEM", "{\"introduced\":\"0\"},{\"fixed\":\"3.0.11-1~deb12u2\"}")),
        record("ALPINE-1", "Alpine:v3.20", "openssl", range("ECOSYSTEM", "{\"introduced\":\"0\"},{\"fixed\":\"3.3.2-r0\"}")));
    assertThat(db.match("Debian:12", "openssl", "3.0.11-1~deb12u1").matches()).extracting(m -> m.advisory().id()).containsExactly("DSA-1");
    assertThat(db.match("Debian:12", "openssl", "3.0.11-1~deb12u2").matches()).isEmpty();
    assertThat(db.match("Debian:11", "openssl", "1.0").matches()).as("another release").isEmpty();
    assertThat(db.match("Alpine:v3.20", "openssl", "3.3.1-r3").matches()).hasSize(1);
    assertThat(db.match("alpine:3.20", "openssl", "3.3.1-r3").matches()).as("v and case folded").hasSize(1);
    assertThat(db.match("Alpine:v3.20", "openssl", "3.3.2-r0").matches()).isEmpty();
  }

  @Test
  void oneMatchPerAdvisoryWhenTwoEntriesNameThePackage() throws OsvFormatException {
    String twice = "{\"id\":\"T-1\",\"affected\":["
        + "{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"}," + range("ECOSYSTEM", "{\"introduced\":\"0\"},{\"fixed\":\"2.0.0\"}") + "},"
        + "{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"}," + range("ECOSYSTEM", "{\"introduced\":\"1.0.0\"}") + "}]}";
    MemoryVulnDatabase db = db(twice);
    assertThat(db.match("npm", "p", "1.5.0").matches()).hasSize(1);
    assertThat(db.match("npm", "p", "3.0.0").matches()).hasSize(1);
  }

  @Test
  void badRecordsSayWhatIsWrong() {
    assertThatThrownBy(() -> OsvParser.parse("{\"affected\":[]}")).hasMessageContaining("not an OSV record: no string \"id\"");
    assertThatThrownBy(() -> OsvParser.parse("{\"id\":\"X-1\",")).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> OsvParser.parse(record("X-2", "PyPI", "p", "\"ranges\":[{\"events\":[{\"introduced\":\"0\"}]}]")))
        .hasMessage("X-2: p: range type missing");
    assertThatThrownBy(() -> OsvParser.parse(record("X-3", "PyPI", "p", range("ECOSYSTEM", "{\"fixed\":\"1.0\"}"))))
        .hasMessage("X-3: p: ECOSYSTEM range without an introduced event");
    assertThatThrownBy(() -> OsvParser.parse(record("X-4", "PyPI", "p", range("ECOSYSTEM", "{\"introduced\":\"0\",\"fixed\":\"1\"}"))))
        .hasMessage("X-4: p: an event must hold exactly one key");
    assertThatThrownBy(() -> OsvParser.parse(record("X-5", "PyPI", "p", range("ECOSYSTEM", "{\"introduced\":\"0\"},{\"fixed\":\"2019-09-12\"}"))))
        .hasMessage("X-5: p: fixed version '2019-09-12' is not valid pep440");
    assertThatThrownBy(() -> OsvParser.parse(record("X-6", "PyPI", "p", range("ECOSYSTEM", "{\"introduced\":\"0\"},{\"patched\":\"2\"}"))))
        .hasMessage("X-6: p: unknown event 'patched'");
  }
}
