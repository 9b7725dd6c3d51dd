package dev.bulwark.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dockerfile.json.ParseJson;
import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.syntax.BuildKitDump;
import dev.bulwark.dockerfile.syntax.Dockerfile;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests: each fixture's BuildKit-format dump ({@code buildkit.txt}) and JSON tree +
 * model + shell facts ({@code model.json}) must equal the checked-in files. After a deliberate
 * change, regenerate with {@code ./mvnw verify -Dbulwark.update-golden=true} and review the diff.
 */
class GoldenTest {
  private static final boolean UPDATE = Boolean.getBoolean("bulwark.update-golden");

  @TestFactory
  List<DynamicTest> goldenFiles() {
    assertThat(Fixtures.dirs()).as("golden fixtures").hasSizeGreaterThanOrEqualTo(60);
    return Fixtures.dirs().stream()
        .flatMap(dir -> {
          Dockerfile file = DockerfileParser.parse(Fixtures.dockerfile(dir));
          BuildModel model = BuildModel.of(file);
          return java.util.stream.Stream.of(
              DynamicTest.dynamicTest(dir.getFileName() + " buildkit", () -> compare(dir.resolve("buildkit.txt"), BuildKitDump.dump(file))),
              DynamicTest.dynamicTest(dir.getFileName() + " model", () -> compare(dir.resolve("model.json"), ParseJson.write(model))));
        })
        .toList();
  }

  private static void compare(Path expectedFile, String actual) throws IOException {
    if (UPDATE) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(expectedFile).as("golden file (generate with -Dbulwark.update-golden=true)").exists();
    assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
  }
}
