package dev.bulwark.vuln.osv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hostile JSONL file: a line far longer than any OSV record is one error for that line, and the lines after it are read. */
class OsvImportBoundsTest {

  @Test
  void aLineOverTheBoundIsSkippedWithAnError_andTheNextLineIsRead(@TempDir Path dir) throws Exception {
    String good = "{\"id\":\"OSV-TEST-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"x\"},"
        + "\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1.0\"}]}]}]}";
    Path f = dir.resolve("PyPI.jsonl");
    Files.writeString(f, "{\"id\":\"" + "a".repeat(OsvImport.MAX_RECORD_CHARS + 10) + "\"}\n" + good + "\r\n");
    OsvImport.Result r = OsvImport.read(f);
    assertThat(r.errors()).singleElement().asString().isEqualTo(f + ":1: a record over 16 MiB (no OSV record is this large); skipped");
    assertThat(r.advisories()).extracting(Advisory::id).containsExactly("OSV-TEST-1");
  }

  @Test
  void boundedLinesEndAtNewlinesAndDropACarriageReturn() throws Exception {
    BufferedReader in = new BufferedReader(new StringReader("a\r\n\nb"));
    StringBuilder line = new StringBuilder();
    assertThat(OsvImport.boundedLine(in, line)).isZero();
    assertThat(line).hasToString("a");
    assertThat(OsvImport.boundedLine(in, line)).isZero();
    assertThat(line).hasToString("");
    assertThat(OsvImport.boundedLine(in, line)).isZero();
    assertThat(line).hasToString("b");
    assertThat(OsvImport.boundedLine(in, line)).isEqualTo(-1);
  }
}
