package dev.bulwark.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.report.Baseline;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** A baseline file, read as the scan reads it (strict UTF-8, then JSON); only {@link Baseline.BaselineException} may escape. */
class BaselineFuzzTest {
  static {
    Bounds.warmUp(() -> Baseline.parse("{\"version\":2,\"findings\":[]}", "baseline.json"));
  }

  @FuzzTest
  void parse(byte[] input) {
    String json;
    try {
      json = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(input)).toString();
    } catch (CharacterCodingException e) {
      return; // the scan refuses it before parsing
    }
    Bounds.check(() -> Baseline.parse(json, "baseline.json"), Baseline.BaselineException.class);
  }
}
