package dev.bulwark.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Severity;
import dev.bulwark.guide.GradeFacts.BaseStatus;
import dev.bulwark.guide.GradeFacts.ImageVulns;
import dev.bulwark.guide.GradeFacts.Pin;
import dev.bulwark.guide.GradeFacts.Surface;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grade's formula at its edges: bands, measured-only totals, caps, and when A+ is given. */
class GradeTest {

  static GradeFacts clean() {
    return new GradeFacts(Map.of(), false, BaseStatus.SUPPORTED, Pin.DIGEST, Surface.NONE, true, Optional.empty());
  }

  static GradeFacts cleanImage() {
    return withImage(clean(), new ImageVulns(Map.of(), 0, List.of()));
  }

  static GradeFacts withImage(GradeFacts f, ImageVulns v) {
    return new GradeFacts(f.findings(), f.rootRuntime(), f.base(), f.pin(), f.surface(), f.contextGuarded(), Optional.of(v));
  }

  @ParameterizedTest
  @CsvSource({"100,A", "91,A", "90,B", "71,B", "70,C", "51,C", "50,D", "31,D", "30,E", "11,E", "10,F", "0,F"})
  void scoutsBandsOnTheFlooredPercentage(int score, String letter) {
    assertThat(Grade.letter(score)).isEqualTo(letter);
  }

  @Test
  void aCleanDockerfileAloneIsAnAButNeverAPlus() {
    Grade.Result r = Grade.of(clean());
    assertThat(r.score()).isEqualTo(100);
    assertThat(r.letter()).isEqualTo("A");
    assertThat(r.possible()).isEqualTo(75); // the image checks are not measured, so not counted
    assertThat(r.checks()).filteredOn(c -> !c.measured()).extracting(Grade.Check::id)
        .containsExactly("no-fixable-critical-high-cves", "no-high-profile-cves");
  }

  @Test
  void aPlusNeedsTheBuiltImageScannedAndEverythingClean() {
    Grade.Result r = Grade.of(cleanImage());
    assertThat(r.letter()).isEqualTo("A+");
    assertThat(r.possible()).isEqualTo(105);
    assertThat(r.imageMeasured()).isTrue();
    // one point short of everything: an A, not A+ (a release tag instead of a digest: 102/105 = 97 %)
    GradeFacts tagged = new GradeFacts(Map.of(), false, BaseStatus.SUPPORTED, Pin.VERSION, Surface.NONE, true, cleanImage().image());
    assertThat(Grade.of(tagged).letter()).isEqualTo("A");
    assertThat(Grade.of(tagged).score()).isEqualTo(97);
  }

  @Test
  void aCriticalFindingCapsAtDWhateverThePoints() {
    GradeFacts f = new GradeFacts(Map.of(Severity.CRITICAL, 1), false, BaseStatus.SUPPORTED, Pin.DIGEST, Surface.NONE, true, Optional.empty());
    Grade.Result r = Grade.of(f);
    assertThat(r.score()).isEqualTo(73); // 55 of 75: only the findings check lost
    assertThat(r.letter()).isEqualTo("D");
    assertThat(r.caps()).extracting(Grade.Cap::letter).containsExactly("D");
  }

  @Test
  void aCriticalVulnerabilityInTheImageCapsAtDToo() {
    Grade.Result r = Grade.of(withImage(clean(), new ImageVulns(Map.of(Severity.CRITICAL, 1), 0, List.of())));
    assertThat(r.score()).isEqualTo(100); // no fix known: the fixable check still passes
    assertThat(r.letter()).isEqualTo("D");
  }

  @Test
  void rootAndEndOfLifeCapAtCAndEveryBindingCapIsListed() {
    GradeFacts f = new GradeFacts(Map.of(), true, BaseStatus.END_OF_LIFE, Pin.DIGEST, Surface.NONE, true, Optional.empty());
    Grade.Result r = Grade.of(f);
    assertThat(r.score()).isEqualTo(66); // 50 of 75
    assertThat(r.letter()).isEqualTo("C");
    assertThat(r.caps()).isEmpty(); // the points already give C: no cap binds
    GradeFacts rootOnly = new GradeFacts(Map.of(), true, BaseStatus.SUPPORTED, Pin.DIGEST, Surface.NONE, true, Optional.empty());
    Grade.Result root = Grade.of(rootOnly);
    assertThat(root.score()).isEqualTo(86);
    assertThat(root.letter()).isEqualTo("C");
    assertThat(root.caps()).extracting(Grade.Cap::why).containsExactly("the application container runs as root");
  }

  @Test
  void aHighFindingCapsAtB() {
    GradeFacts f = new GradeFacts(Map.of(Severity.HIGH, 1), false, BaseStatus.SUPPORTED, Pin.DIGEST, Surface.NONE, true, cleanImage().image());
    Grade.Result r = Grade.of(f);
    assertThat(r.score()).isEqualTo(80); // 85 of 105
    assertThat(r.letter()).isEqualTo("B");
    GradeFacts medium = new GradeFacts(Map.of(Severity.MEDIUM, 3, Severity.LOW, 9), false, BaseStatus.SUPPORTED, Pin.DIGEST, Surface.NONE, true,
        cleanImage().image());
    assertThat(Grade.of(medium).letter()).isEqualTo("A"); // 100 of 105 = 95 %: lows never cost points
  }

  @Test
  void anUnknownBaseIsLeftOutOfTheTotalNotCountedAgainst() {
    GradeFacts f = new GradeFacts(Map.of(), false, BaseStatus.UNKNOWN, Pin.VERSION, Surface.MINIMAL, true, Optional.empty());
    Grade.Result r = Grade.of(f);
    assertThat(r.possible()).isEqualTo(60);
    assertThat(r.earned()).isEqualTo(52);
    assertThat(r.score()).isEqualTo(86);
  }

  @Test
  void aBaseOrToolchainImageIsNotGradedOnItsUserOrTools() {
    GradeFacts base = new GradeFacts(Map.of(), true, BaseStatus.SUPPORTED, Pin.VERSION, Surface.FULL, true, Optional.empty(), false);
    Grade.Result r = Grade.of(base);
    assertThat(r.checks()).filteredOn(c -> !c.measured()).extracting(Grade.Check::id)
        .containsExactly("non-root", "minimal-runtime", "no-fixable-critical-high-cves", "no-high-profile-cves");
    assertThat(r.possible()).isEqualTo(55);
    assertThat(r.score()).isEqualTo(94); // 52 of 55
    assertThat(r.letter()).isEqualTo("A");
    assertThat(r.caps()).isEmpty(); // root is no cap: it is not an application container
    // the same facts for an application image: root caps it at C, and the tools cost points
    Grade.Result app = Grade.of(new GradeFacts(Map.of(), true, BaseStatus.SUPPORTED, Pin.VERSION, Surface.FULL, true, Optional.empty(), true));
    assertThat(app.letter()).isEqualTo("C");
    assertThat(app.score()).isEqualTo(69);
  }

  @Test
  void theWorstCaseIsAnF() {
    GradeFacts f = new GradeFacts(Map.of(Severity.CRITICAL, 4, Severity.MEDIUM, 2), true, BaseStatus.END_OF_LIFE, Pin.MOVING, Surface.FULL, false,
        Optional.of(new ImageVulns(Map.of(Severity.CRITICAL, 9), 9, List.of("CVE-2021-44228"))));
    Grade.Result r = Grade.of(f);
    assertThat(r.earned()).isZero();
    assertThat(r.letter()).isEqualTo("F");
  }

  @Test
  void theBadgeShowsTheLetterInScoutsColours() {
    assertThat(Grade.badge(Grade.of(cleanImage()))).contains(">A+<", "#2e7d32", "<svg").doesNotContain("http://www.w3.org/1999/xlink\"");
    assertThat(Grade.colour("C")).isEqualTo("#f9a825");
    assertThat(Grade.colour("F")).isEqualTo("#c62828");
  }
}
