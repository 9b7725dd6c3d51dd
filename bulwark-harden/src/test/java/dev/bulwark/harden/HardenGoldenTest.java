package dev.bulwark.harden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Before/after goldens: {@code harden/NAME.Dockerfile} (with the project files in {@code NAME.files/},
 * if any) hardened into every variant gives {@code NAME.hardened} byte for byte: each variant's
 * Dockerfile and notes, or its refusal. Regenerate with -Dbulwark.update-golden=true and review the diff.
 */
class HardenGoldenTest {
  static final Path DIR = Path.of("src/test/resources/harden");

  @TestFactory
  List<DynamicTest> everyFile() throws IOException {
    return Goldens.inputs().stream().map(in -> DynamicTest.dynamicTest(in.name(), () -> {
      String golden = Goldens.render(in);
      Path expected = DIR.resolve(in.name() + ".hardened");
      if (Boolean.getBoolean("bulwark.update-golden")) {
        Files.writeString(expected, golden, StandardCharsets.UTF_8);
      }
      assertThat(expected).as("golden (generate with -Dbulwark.update-golden=true)").exists();
      assertThat(golden).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    })).toList();
  }

  @TestFactory
  Stream<DynamicTest> atLeastFortyInputs() throws IOException {
    int n = Goldens.inputs().size();
    return Stream.of(DynamicTest.dynamicTest("count " + n, () -> assertThat(n).isGreaterThanOrEqualTo(40)));
  }
}
