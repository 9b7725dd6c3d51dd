package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.RuleInfo;
import org.junit.jupiter.api.Test;

class RuleCatalogTest {

  @Test
  void findsByIdAndAlias_overEveryKindOfTarget() {
    assertThat(RuleCatalog.find("DL3002")).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo("BW-D001"));
    assertThat(RuleCatalog.find("bw-d002")).isPresent();
    assertThat(RuleCatalog.find("BW-M001")).isPresent();
    assertThat(RuleCatalog.find("BW-P001")).isPresent();
    assertThat(RuleCatalog.find("DL9999")).isEmpty();
    assertThat(RuleCatalog.infos()).extracting(RuleInfo::id).doesNotHaveDuplicates().isSorted();
  }
}
