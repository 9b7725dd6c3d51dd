package dev.bulwark.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dockerfile.syntax.DockerfileParser;
import dev.bulwark.dockerfile.syntax.Element;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Parsing then printing every fixture gives back the exact bytes, and elements tile the file. */
class RoundTripTest {

  @TestFactory
  List<DynamicTest> printReproducesInput() {
    return Fixtures.dirs().stream()
        .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
          byte[] bytes = Fixtures.dockerfile(dir);
          var file = DockerfileParser.parse(bytes);
          assertThat(file.print().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
          int expectedStart = 0;
          for (Element e : file.elements()) {
            assertThat(e.extent().startOffset()).as("element starts where the previous ended").isEqualTo(expectedStart);
            expectedStart = e.extent().endOffset();
          }
          assertThat(expectedStart).isEqualTo(file.source().text().length());
        }))
        .toList();
  }
}
