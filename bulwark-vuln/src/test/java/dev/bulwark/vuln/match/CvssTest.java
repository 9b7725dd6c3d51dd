package dev.bulwark.vuln.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Base scores from vectors, against the published NVD scores in ../shared/data/cvss/vectors.tsv and own cases. */
class CvssTest {

  static Path data() {
    return Path.of(System.getProperty("bulwark.repo", "..")).resolve("../shared/data/cvss/vectors.tsv").normalize();
  }

  @Test
  void everyPublishedVectorScoresAsPublished() throws Exception {
    Path file = data();
    assumeTrue(Files.isRegularFile(file), "no CVSS vectors at " + file + "; skipped");
    List<String> wrong = new ArrayList<>();
    int v3 = 0;
    int v4 = 0;
    for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
      String[] f = line.split("\t");
      double score = Cvss.baseScore(f[0]);
      if (score != Double.parseDouble(f[2]) || !Cvss.rating(score).name().equals(f[3].toUpperCase(Locale.ROOT))) {
        wrong.add(f[0] + " scored " + score + " " + Cvss.rating(score) + ", published " + f[2] + " " + f[3]);
      }
      if (f[1].startsWith("4")) v4++; else v3++;
    }
    System.out.printf("CVSS: %d v3.x and %d v4.0 published vectors checked%n", v3, v4);
    assertThat(wrong).isEmpty();
    assertThat(v3).isGreaterThan(50);
    assertThat(v4).isEqualTo(3);
  }

  @Test
  void ownCases() throws Exception {
    // scope changed, privileges adjusted: 3.1's specification example (CVE-2013-1937 family)
    assertThat(Cvss.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N")).isEqualTo(6.1);
    assertThat(Cvss.baseScore("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H")).isEqualTo(9.9);
    assertThat(Cvss.baseScore("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N")).isEqualTo(0.0);
    assertThat(Cvss.rating(0.0)).isEqualTo(Rating.NONE);
    // 4.0: all high, network, no privileges: the top macrovector
    assertThat(Cvss.baseScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H")).isEqualTo(10.0);
    assertThat(Cvss.baseScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N")).isEqualTo(0.0);
    // threat and environmental metrics given as X are the worst case: the same score as without them
    assertThat(Cvss.baseScore("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N/E:X/CR:X"))
        .isEqualTo(Cvss.baseScore("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N"));
    // unreported exploitation lowers it
    assertThat(Cvss.baseScore("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N/E:U")).isLessThan(8.2);
  }

  @Test
  void badVectorsAreErrorsInWords() {
    for (String bad : List.of("CVSS:3.1/AV:N", "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:2.0/AV:N", "AV:N/AC:L/Au:N/C:P/I:P/A:P", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:Z", "CVSS:3.1/" + "A:B/".repeat(100))) {
      assertThatThrownBy(() -> Cvss.baseScore(bad)).isInstanceOf(Cvss.BadVectorException.class);
    }
  }
}
