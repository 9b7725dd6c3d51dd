package dev.bulwark.vuln.update;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.vuln.osv.Advisory;
import dev.bulwark.vuln.osv.Affected;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedCheckTest {
  @TempDir Path dir;
  private static final Download TRACKER = new Download("debian tracker", URI.create("http://m/data/json"), Download.Kind.DEBIAN_TRACKER,
      new Download.Scope("Debian", true), "debian-tracker.json");
  private static final Download SECDB = new Download("alpine v3.22/main", URI.create("http://m/v3.22/main.json"), Download.Kind.ALPINE_SECDB,
      new Download.Scope("Alpine:v3.22", false), "alpine.json");
  private static final Download ZIP = new Download("osv PyPI", URI.create("http://m/PyPI/all.zip"), Download.Kind.OSV_ZIP,
      new Download.Scope("PyPI", true), "osv.zip");

  private Path file(String text) throws Exception {
    return Files.writeString(dir.resolve("f"), text);
  }

  @Test
  void jsonMustBeOneWholeObject() throws Exception {
    assertThatCode(() -> FeedCheck.structure(TRACKER, file("{\"a\": {\"CVE-1\": {}}}"))).doesNotThrowAnyException();
    assertThatThrownBy(() -> FeedCheck.structure(TRACKER, file(""))).hasMessage("debian tracker: the download is empty");
    assertThatThrownBy(() -> FeedCheck.structure(TRACKER, file("{\"a\": {\"CVE-1\": {"))).hasMessageContaining("not valid JSON")
        .hasMessageContaining("a truncated or corrupt download");
    assertThatThrownBy(() -> FeedCheck.structure(TRACKER, file("{} {}"))).hasMessageContaining("data after the JSON object");
    assertThatThrownBy(() -> FeedCheck.structure(TRACKER, file("[1]"))).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> FeedCheck.structure(TRACKER, file("<html>"))).hasMessageContaining("not a JSON object");
  }

  @Test
  void aSecdbFileHasItsFields() throws Exception {
    assertThatCode(() -> FeedCheck.structure(SECDB, file("{\"distroversion\":\"v3.22\",\"packages\":{}}"))).doesNotThrowAnyException();
    assertThatThrownBy(() -> FeedCheck.structure(SECDB, file("{\"id\":\"X\"}"))).hasMessageContaining("not an Alpine secdb file");
    assertThatCode(() -> FeedCheck.records(SECDB, List.of(), 0)).as("a repository without fixes").doesNotThrowAnyException();
  }

  @Test
  void aZipMustRead() throws Exception {
    assertThatThrownBy(() -> FeedCheck.structure(ZIP, file("PK\u0003\u0004 cut"))).hasMessageContaining("not a readable zip archive");
  }

  private static Advisory advisory(String id, String ecosystem) {
    return new Advisory(id, List.of(), null, List.of(), null, null, null, null, List.of(new Affected(ecosystem, "p", null, List.of(), List.of("1"))));
  }

  @Test
  void recordsMustBeOfTheDownloadsEcosystemsAndMostlyGood() {
    assertThatCode(() -> FeedCheck.records(TRACKER, List.of(advisory("a", "Debian:12")), 1)).doesNotThrowAnyException();
    assertThatThrownBy(() -> FeedCheck.records(TRACKER, List.of(), 0)).hasMessage("debian tracker: no Debian advisories in the download; not the expected feed");
    assertThatThrownBy(() -> FeedCheck.records(ZIP, List.of(advisory("a", "npm")), 0)).hasMessageContaining("(1 of other ecosystems)");
    assertThatThrownBy(() -> FeedCheck.records(ZIP, List.of(advisory("a", "PyPI")), 2)).hasMessageContaining("2 bad records against 1 good ones");
  }

  @Test
  void shrinkingPastHalfIsRefused() {
    List<Advisory> five = new ArrayList<>();
    for (int i = 0; i < 5; i++) five.add(advisory("a" + i, "Debian:12"));
    Download.Scope debian = new Download.Scope("Debian", true);
    assertThatCode(() -> FeedCheck.notShrunk(debian, Map.of("Debian:12", 6, "Debian:11", 4, "PyPI", 100), five)).doesNotThrowAnyException();
    assertThatThrownBy(() -> FeedCheck.notShrunk(debian, Map.of("Debian:12", 7, "Debian:11", 4), five))
        .hasMessageContaining("Debian: the downloads give 5 advisories where the database has 11");
    assertThatCode(() -> FeedCheck.notShrunk(debian, Map.of("PyPI", 100), five)).doesNotThrowAnyException();
  }
}
