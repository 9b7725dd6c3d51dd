package dev.bulwark.dockerfile.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.fix.Edit;
import dev.bulwark.core.fix.Edits;
import dev.bulwark.core.text.SourceText;
import dev.bulwark.dockerfile.Fixtures;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The edit API over every golden Dockerfile and every example: no edit gives back the file byte for
 * byte (BOM and CRLF included), and an edit changes only the bytes inside its span.
 */
class EditPropertyTest {
  private static final long SEED = 20261201L;
  private static final int SAMPLES = 25;
  /** Replacements that a careless implementation would normalise or mis-encode. */
  private static final List<String> REPLACEMENTS = List.of("", "x", "\r\n", "\n", "\t", " \\\n", "é", "\uD83D\uDE00", "USER app\n", "\uFEFF");

  record File(String name, byte[] bytes) {}

  static List<File> files() {
    List<File> files = new ArrayList<>();
    for (Path dir : Fixtures.dirs()) {
      files.add(new File("golden/" + dir.getFileName(), Fixtures.dockerfile(dir)));
    }
    Path examples = Path.of(System.getProperty("bulwark.repo", "..")).resolve("examples");
    try (Stream<Path> s = Files.list(examples)) {
      for (Path dockerfile : s.map(d -> d.resolve("Dockerfile")).filter(Files::isRegularFile).sorted().toList()) {
        files.add(new File("examples/" + dockerfile.getParent().getFileName(), Files.readAllBytes(dockerfile)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(files).as("golden files and examples").hasSizeGreaterThanOrEqualTo(60 + 4);
    return files;
  }

  private static Stream<DynamicTest> perFile(String what, java.util.function.BiConsumer<File, SourceText> check) {
    return files().stream().map(f -> DynamicTest.dynamicTest(what + " " + f.name(),
        () -> check.accept(f, DockerfileParser.parse(f.bytes()).source())));
  }

  @TestFactory
  Stream<DynamicTest> noEditReproducesTheFile() {
    return perFile("no edit", (f, src) -> {
      assertThat(utf8(Edits.apply(src, List.of()))).isEqualTo(f.bytes());
      assertThat(utf8(Edits.applyFixes(src, List.of()).text())).isEqualTo(f.bytes());
    });
  }

  @TestFactory
  Stream<DynamicTest> anEditChangesOnlyTheBytesInsideItsSpan() {
    return perFile("one edit", (f, src) -> {
      Random random = new Random(SEED ^ f.name().hashCode());
      for (int i = 0; i < SAMPLES; i++) {
        Edit edit = randomEdit(random, src, 0, src.text().length());
        byte[] edited = utf8(Edits.apply(src, List.of(edit)));
        assertOnlyInside(f.bytes(), src.text(), edit, edited);
      }
    });
  }

  /** Several disjoint edits at once, in shuffled order, give what applying them one by one from the end gives. */
  @TestFactory
  Stream<DynamicTest> severalEditsEqualOneAtATimeFromTheEnd() {
    return perFile("several edits", (f, src) -> {
      Random random = new Random(SEED ^ f.name().hashCode() ^ 1);
      int length = src.text().length();
      for (int i = 0; i < SAMPLES; i++) {
        List<Edit> edits = new ArrayList<>();
        int k = 1 + random.nextInt(5);
        for (int j = 0; j < k; j++) {
          // one edit in each of k equal slices of the text keeps them disjoint
          Edit e = randomEdit(random, src, (int) ((long) length * j / k), (int) ((long) length * (j + 1) / k));
          // two insertions at one offset apply in the order given, which shuffling would change
          if (edits.isEmpty() || !(e.isInsertion() && edits.getLast().isInsertion() && e.startOffset() == edits.getLast().startOffset())) {
            edits.add(e);
          }
        }
        String oneByOne = src.text();
        for (Edit e : edits.reversed()) {
          oneByOne = oneByOne.substring(0, e.startOffset()) + e.replacement() + oneByOne.substring(e.endOffset());
        }
        Collections.shuffle(edits, random);
        assertThat(utf8(Edits.apply(src, edits))).isEqualTo(utf8(oneByOne));
      }
    });
  }

  /** A random edit within {@code [from, to]}, its ends moved off the middle of a surrogate pair. */
  private static Edit randomEdit(Random random, SourceText src, int from, int to) {
    int start = from + random.nextInt(to - from + 1);
    int end = random.nextInt(4) == 0 ? start : start + random.nextInt(Math.min(to - start, 60) + 1);
    start = offPair(src.text(), start, from);
    end = Math.max(start, offPair(src.text(), end, from));
    return Edit.replace(src, start, end, REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size())));
  }

  private static int offPair(String text, int offset, int floor) {
    boolean inside = offset > 0 && offset < text.length()
        && Character.isHighSurrogate(text.charAt(offset - 1)) && Character.isLowSurrogate(text.charAt(offset));
    return inside && offset - 1 >= floor ? offset - 1 : inside ? offset + 1 : offset;
  }

  /** The edited bytes are the original's bytes before the span, the replacement's, then the original's after the span. */
  static void assertOnlyInside(byte[] original, String text, Edit edit, byte[] edited) {
    assertThat(utf8(text)).as("the decoded text encodes back to the file").isEqualTo(original);
    int prefix = utf8(text.substring(0, edit.startOffset())).length;
    int suffix = utf8(text.substring(edit.endOffset())).length;
    byte[] replacement = utf8(edit.replacement());
    String where = "edit " + edit.span() + " with " + edit.replacement().replace("\r", "\\r").replace("\n", "\\n");
    assertThat(edited.length).as(where).isEqualTo(prefix + replacement.length + suffix);
    assertThat(Arrays.copyOfRange(edited, 0, prefix)).as(where + ": prefix").isEqualTo(Arrays.copyOfRange(original, 0, prefix));
    assertThat(Arrays.copyOfRange(edited, prefix, prefix + replacement.length)).as(where + ": replacement").isEqualTo(replacement);
    assertThat(Arrays.copyOfRange(edited, edited.length - suffix, edited.length)).as(where + ": suffix")
        .isEqualTo(Arrays.copyOfRange(original, original.length - suffix, original.length));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
