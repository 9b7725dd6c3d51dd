package dev.bulwark.cli;

import dev.bulwark.core.RuleInfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** docs/parity.md covers every upstream rule, and every mapping it claims is a real alias. */
class ParityTest {
  private static final Path PARITY = Path.of(System.getProperty("bulwark.repo", "..")).resolve("docs/parity.md");
  private static final Pattern ROW = Pattern.compile("^\\| (\\S+) \\| ([^|]*) \\| ([^|]*)\\|$");

  /** The upstream ids (hadolint HEAD, BuildKit's 22 checks, Trivy's 28 Dockerfile checks). */
  static List<String> upstream() {
    List<String> ids = new ArrayList<>(List.of("DL1001"));
    IntStream.range(3000, 3068).forEach(i -> ids.add("DL" + i));
    IntStream.range(4000, 4007).forEach(i -> ids.add("DL" + i));
    ids.addAll(List.of("StageNameCasing", "FromAsCasing", "NoEmptyContinuation", "ConsistentInstructionCasing", "DuplicateStageName",
        "ReservedStageName", "JSONArgsRecommended", "MaintainerDeprecated", "UndefinedArgInFrom", "WorkdirRelativePath", "UndefinedVar",
        "MultipleInstructionsDisallowed", "LegacyKeyValueFormat", "InvalidBaseImagePlatform", "RedundantTargetPlatform",
        "SecretsUsedInArgOrEnv", "InvalidDefaultArgInFrom", "FromPlatformFlagConstDisallowed", "CopyIgnoredFile",
        "InvalidDefinitionDescription", "ExposeProtoCasing", "ExposeInvalidFormat"));
    for (int n : new int[] {1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 29, 30, 31}) {
      ids.add(String.format("DS%03d", n));
    }
    return ids;
  }

  @Test
  void everyUpstreamRuleIsMappedOrExplained() throws IOException {
    Map<String, String[]> rows = new HashMap<>();
    for (String line : Files.readAllLines(PARITY, StandardCharsets.UTF_8)) {
      Matcher m = ROW.matcher(line);
      if (m.matches() && !m.group(1).equals("id") && !m.group(1).equals("check")) {
        rows.put(m.group(1), new String[] {m.group(2).strip(), m.group(3).strip()});
      }
    }
    for (String id : upstream()) {
      assertThat(rows).as("docs/parity.md row for " + id).containsKey(id);
      String[] row = rows.get(id);
      if (row[0].equals("—")) {
        assertThat(row[1]).as("reason for " + id).isNotBlank();
      } else {
        for (String bw : row[0].split(",\\s*")) {
          RuleInfo r = RuleCatalog.find(bw).orElseThrow(() -> new AssertionError(bw + " named for " + id + " does not exist"));
          assertThat(r.aliases()).as(bw + " aliases").contains(id);
        }
      }
    }
  }

  @Test
  void everyAliasInTheCatalogIsListed() throws IOException {
    String text = Files.readString(PARITY, StandardCharsets.UTF_8);
    for (RuleInfo r : RuleCatalog.infos()) {
      for (String a : r.aliases()) {
        if (a.startsWith("DL") || a.startsWith("DS") || Character.isUpperCase(a.charAt(0)) && !a.startsWith("CIS")) {
          assertThat(text).as("parity.md mentions " + a + " of " + r.id()).contains("| " + a + " |");
        }
      }
    }
  }

  /** The Compose table: every KICS and docker-bench id it gives a rule is an alias of that rule, and every Compose rule has a row. */
  @Test
  void composeTableMatchesTheAliases() throws IOException {
    Pattern row = Pattern.compile("^\\| (BW-C\\d{3}) \\| ([^|]*) \\| ([^|]*) \\| ([^|]*) \\|$");
    List<String> seen = new ArrayList<>();
    for (String line : Files.readAllLines(PARITY, StandardCharsets.UTF_8)) {
      Matcher m = row.matcher(line);
      if (!m.matches()) {
        continue;
      }
      seen.add(m.group(1));
      RuleInfo r = RuleCatalog.find(m.group(1)).orElseThrow(() -> new AssertionError(m.group(1) + " does not exist"));
      List<String> listed = new ArrayList<>();
      for (String cell : List.of(m.group(2), m.group(3))) {
        for (String id : cell.split(",\\s*")) {
          if (!id.strip().equals("—")) {
            listed.add(id.strip());
          }
        }
      }
      assertThat(listed).as(r.id() + " aliases in docs/parity.md").containsExactlyInAnyOrderElementsOf(r.aliases());
    }
    assertThat(seen).as("Compose rows in docs/parity.md")
        .containsAll(RuleCatalog.infos().stream().map(RuleInfo::id).filter(id -> id.startsWith("BW-C")).toList());
  }
}
