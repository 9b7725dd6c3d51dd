package dev.bulwark.core.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.text.SourceText;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixTest {
  private static final String TEXT = "FROM alpine\nRUN apk add curl\nCMD [\"app\"]\n";
  private static final SourceText SRC = new SourceText(TEXT);
  private static final int CMD = TEXT.indexOf("CMD");

  private static final Fix ADD_USER = Fix.unsafe("Add USER app before CMD", Edit.insert(SRC, CMD, "USER app\n"));
  private static final Fix NO_CACHE = Fix.safe("Add --no-cache to apk add", Edit.insert(SRC, TEXT.indexOf("curl"), "--no-cache "));
  private static final Fix PIN = Fix.safe("Pin alpine", Edit.replace(SRC, 5, 11, "alpine:3.20"));
  private static final Fix RENAME = Fix.safe("Use the full image name", Edit.replace(SRC, 5, 11, "docker.io/library/alpine"));

  @Test
  void aFixHoldsItsEditsSortedAndRefusesOverlaps() {
    Edit late = Edit.insert(SRC, CMD, "USER app\n");
    Edit early = Edit.insert(SRC, 0, "# syntax=docker/dockerfile:1\n");
    Fix fix = Fix.unsafe("Add USER and syntax", late, early);
    assertThat(fix.edits()).containsExactly(early, late);
    assertThat(fix.isSafe()).isFalse();
    assertThat(fix.applicability()).isEqualTo(Applicability.UNSAFE);
    assertThat(PIN.isSafe()).isTrue();
    assertThatThrownBy(() -> Fix.safe("both", Edit.replace(SRC, 0, 6, "x"), Edit.replace(SRC, 5, 8, "y")))
        .isInstanceOf(OverlappingEditsException.class).hasMessageContaining("offsets 0..6").hasMessageContaining("offsets 5..8");
  }

  @Test
  void aFixHasAOneLineDescriptionAndSomeEdits() {
    Edit e = Edit.insert(SRC, 0, "x");
    assertThatThrownBy(() -> Fix.safe("two\nlines", e)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one non-blank line");
    assertThatThrownBy(() -> Fix.safe(" ", e)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fix.safe("nothing", List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no edits");
  }

  @Test
  void nonConflictingFixesAreAllApplied() {
    FixResult r = Edits.applyFixes(TEXT, List.of(ADD_USER, NO_CACHE, PIN));
    assertThat(r.text()).isEqualTo("FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER app\nCMD [\"app\"]\n");
    assertThat(r.applied()).containsExactly(ADD_USER, NO_CACHE, PIN);
    assertThat(r.skipped()).isEmpty();
  }

  @Test
  void aConflictingFixIsSkippedAndTheEarlierOneWins() {
    FixResult r = Edits.applyFixes(SRC, List.of(RENAME, ADD_USER, PIN));
    assertThat(r.text()).isEqualTo("FROM docker.io/library/alpine\nRUN apk add curl\nUSER app\nCMD [\"app\"]\n");
    assertThat(r.applied()).containsExactly(RENAME, ADD_USER);
    assertThat(r.skipped()).containsExactly(PIN);
  }

  @Test
  void aFixIsSkippedWholeWhenOneOfItsEditsConflicts() {
    Fix both = Fix.safe("Pin and cache", Edit.insert(SRC, TEXT.indexOf("curl"), "--no-cache "), Edit.replace(SRC, 5, 11, "alpine:3"));
    FixResult r = Edits.applyFixes(TEXT, List.of(PIN, both));
    assertThat(r.text()).isEqualTo("FROM alpine:3.20\nRUN apk add curl\nCMD [\"app\"]\n");
    assertThat(r.skipped()).containsExactly(both);
  }

  @Test
  void theSameEditAskedForTwiceIsAppliedOnce() {
    Fix again = Fix.unsafe("Run as app", Edit.insert(SRC, CMD, "USER app\n"));
    FixResult r = Edits.applyFixes(TEXT, List.of(ADD_USER, again));
    assertThat(r.text()).isEqualTo("FROM alpine\nRUN apk add curl\nUSER app\nCMD [\"app\"]\n");
    assertThat(r.applied()).containsExactly(ADD_USER, again);
  }

  @Test
  void noFixesGivesTheText() {
    FixResult r = Edits.applyFixes(TEXT, List.of());
    assertThat(r.text()).isSameAs(TEXT);
    assertThat(r.applied()).isEmpty();
    assertThat(r.skipped()).isEmpty();
  }

  @Test
  void aFixOutsideTheTextIsACallersBug() {
    Fix other = Fix.safe("From another file", Edit.insert(new SourceText(TEXT + TEXT), TEXT.length() + 3, "x"));
    assertThatThrownBy(() -> Edits.applyFixes(TEXT, List.of(other))).isInstanceOf(InvalidEditException.class).hasMessageContaining("outside the text");
  }
}
