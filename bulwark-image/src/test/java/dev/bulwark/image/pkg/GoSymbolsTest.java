package dev.bulwark.image.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import dev.bulwark.image.testing.LocalRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A Go binary's function names from its pclntab, read while the bytes stream past. */
class GoSymbolsTest {

  static final List<String> NAMES = List.of("runtime.main", "net/http.(*Server).ListenAndServe", "net/http.ListenAndServe",
      "golang.org/x/net/http2.(*serverConn).processHeaders", "gopkg.in/yaml%2ev3.(*parser).parse", "example.com/app/lib.Map[...]",
      "example.com/app/lib.(*Tree[...]).Insert", "example.com/app/lib.Walk.func1", "example.com/app/lib.(*Tree[...]).Insert-fm");

  /** An ELF-looking file: the Go build-id note near the start, the pclntab header at {@code at}, its names after it. */
  static byte[] binary(int magic, int ptrSize, ByteOrder order, int at, List<String> names) {
    ByteArrayOutputStream tab = new ByteArrayOutputStream();
    for (String n : names) {
      tab.writeBytes(n.getBytes(StandardCharsets.UTF_8));
      tab.write(0);
    }
    byte[] nameBytes = tab.toByteArray();
    boolean withText = magic != 0xfffffffa;
    int fields = withText ? 8 : 7;
    int headerSize = 8 + fields * ptrSize;
    int funcname = headerSize + 8; // a little padding, as Go's linker leaves
    ByteBuffer b = ByteBuffer.allocate(at + funcname + nameBytes.length + 4096).order(order);
    b.put(new byte[] {0x7f, 'E', 'L', 'F'});
    b.position(0x100);
    b.putInt(4).putInt(8).putInt(4).put(new byte[] {'G', 'o', 0, 0}).put("buildid!".getBytes(StandardCharsets.US_ASCII));
    b.position(at);
    b.putInt(magic).put((byte) 0).put((byte) 0).put((byte) 1).put((byte) ptrSize);
    long cu = funcname + nameBytes.length;
    long[] values = withText ? new long[] {names.size(), 3, 0x401000, funcname, cu, cu + 16, cu + 32, cu + 64}
        : new long[] {names.size(), 3, funcname, cu, cu + 16, cu + 32, cu + 64};
    for (long v : values) {
      if (ptrSize == 8) {
        b.putLong(v);
      } else {
        b.putInt((int) v);
      }
    }
    b.position(at + funcname);
    b.put(nameBytes);
    return b.array();
  }

  static Optional<GoSymbolTable> scan(byte[] file, int chunk) {
    GoSymbols.Scanner s = new GoSymbols.Scanner(1_000_000);
    for (int off = 0; off < file.length; off += chunk) {
      if (!s.accept(file, off, Math.min(chunk, file.length - off))) {
        break;
      }
    }
    return s.finish();
  }

  @Test
  void namesAsTheGoVulnerabilityDatabaseSpellsThem() {
    GoSymbolTable t = scan(binary(0xfffffff1, 8, ByteOrder.LITTLE_ENDIAN, 8192, NAMES), 65536).orElseThrow();
    assertThat(t.contains("net/http", "Server.ListenAndServe")).isTrue();
    assertThat(t.contains("net/http", "(*Server).ListenAndServe")).isTrue();
    assertThat(t.contains("net/http", "ListenAndServe")).isTrue();
    assertThat(t.contains("net/http", "Serve")).isFalse();
    assertThat(t.contains("golang.org/x/net/http2", "serverConn.processHeaders")).isTrue();
    assertThat(t.contains("gopkg.in/yaml.v3", "parser.parse")).as("%2e in the last element is a dot").isTrue();
    assertThat(t.contains("example.com/app/lib", "Map")).as("generic instantiation").isTrue();
    assertThat(t.contains("example.com/app/lib", "Tree.Insert")).isTrue();
    assertThat(t.contains("example.com/app/lib", "Walk")).as("a closure's function").isTrue();
    assertThat(t.containsPackage("gopkg.in/yaml.v3")).isTrue();
    assertThat(t.containsPackage("net/http")).isTrue();
    assertThat(t.containsPackage("net/url")).isFalse();
    assertThat(t.containsPackage("example.com/app")).as("a package is its whole import path").isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4, 5, 7, 64, 71, 72, 73, 4095, 65536})
  void anyChunkingGivesTheSameTable(int chunk) {
    byte[] file = binary(0xfffffff0, 8, ByteOrder.LITTLE_ENDIAN, 4100, NAMES);
    GoSymbolTable t = scan(file, chunk).orElseThrow();
    assertThat(t.size()).isEqualTo(scan(file, file.length).orElseThrow().size());
    assertThat(t.contains("net/http", "Server.ListenAndServe")).isTrue();
    assertThat(t.contains("example.com/app/lib", "Walk.func1")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 40, 41, 4096})
  void oldAnd32BitAndBigEndianHeaders(int chunk) {
    assertThat(scan(binary(0xfffffffa, 4, ByteOrder.LITTLE_ENDIAN, 4096, NAMES), chunk)).hasValueSatisfying(
        t -> assertThat(t.contains("net/http", "ListenAndServe")).isTrue());
    assertThat(scan(binary(0xfffffff1, 8, ByteOrder.BIG_ENDIAN, 4096, NAMES), chunk)).hasValueSatisfying(
        t -> assertThat(t.contains("net/http", "ListenAndServe")).isTrue());
    assertThat(scan(binary(0xfffffff1, 4, ByteOrder.BIG_ENDIAN, 4096, NAMES), chunk)).hasValueSatisfying(
        t -> assertThat(t.contains("gopkg.in/yaml.v3", "parser.parse")).isTrue());
  }

  @Test
  void aMagicWhoseOffsetsAreOutOfOrderIsDataAndTheSearchGoesOn() {
    byte[] file = binary(0xfffffff1, 8, ByteOrder.LITTLE_ENDIAN, 8192, NAMES);
    ByteBuffer fake = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    fake.position(1024);
    fake.putInt(0xfffffff1).put((byte) 0).put((byte) 0).put((byte) 1).put((byte) 8);
    fake.putLong(10).putLong(1).putLong(0).putLong(500).putLong(100).putLong(0).putLong(0).putLong(0); // cu before funcname
    assertThat(scan(file, 4096)).hasValueSatisfying(t -> assertThat(t.contains("net/http", "ListenAndServe")).isTrue());
  }

  /** With 64-bit program headers: one read-only PT_LOAD segment over [from, to). */
  static byte[] withReadOnlySegment(byte[] file, long from, long to) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    b.put(4, (byte) 2).put(5, (byte) 1); // ELFCLASS64, little-endian
    b.putLong(0x20, 0x40).putShort(0x36, (short) 56).putShort(0x38, (short) 2);
    b.position(0x40);
    b.putInt(1).putInt(5).putLong(0).putLong(0).putLong(0).putLong(from).putLong(from).putLong(4096); // text: R+X
    b.putInt(1).putInt(4).putLong(from).putLong(0).putLong(0).putLong(to - from).putLong(to - from).putLong(4096); // rodata: R
    return file;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 73, 4096})
  void onlyTheReadOnlySegmentIsSearched(int chunk) {
    byte[] inside = withReadOnlySegment(binary(0xfffffff1, 8, ByteOrder.LITTLE_ENDIAN, 8192, NAMES), 8192, 16384);
    assertThat(scan(inside, chunk)).hasValueSatisfying(t -> assertThat(t.contains("net/http", "ListenAndServe")).isTrue());
    byte[] outside = withReadOnlySegment(binary(0xfffffff1, 8, ByteOrder.LITTLE_ENDIAN, 8192, NAMES), 12288, 16384);
    assertThat(scan(outside, chunk)).as("a header before the segment is data").isEmpty();
    GoSymbols.Scanner s = new GoSymbols.Scanner(1000);
    byte[] after = withReadOnlySegment(binary(0xfffffff1, 8, ByteOrder.LITTLE_ENDIAN, 20480, NAMES), 4096, 8192);
    int fed = 0;
    while (fed < after.length && s.accept(after, fed, Math.min(chunk, after.length - fed))) {
      fed += chunk;
    }
    assertThat(fed).as("stops once the segment went by").isLessThan(20480);
    assertThat(s.finish()).isEmpty();
  }

  @Test
  void noGoNoteNoSearch() {
    byte[] file = binary(0xfffffff1, 8, ByteOrder.LITTLE_ENDIAN, 100_000, NAMES);
    file[0x100 + 12] = 'X'; // the note's name
    GoSymbols.Scanner s = new GoSymbols.Scanner(1000);
    int fed = 0;
    while (fed < file.length && s.accept(file, fed, Math.min(1000, file.length - fed))) {
      fed += 1000;
    }
    assertThat(fed).as("stops asking at the note window").isLessThanOrEqualTo(GoSymbols.NOTE_WINDOW);
    assertThat(s.finish()).isEmpty();
  }

  @Test
  void aTableCutShortOrOverTheEntryBoundJudgesNothing() {
    byte[] file = binary(0xfffffff1, 8, ByteOrder.LITTLE_ENDIAN, 8192, NAMES);
    byte[] cut = java.util.Arrays.copyOf(file, 8192 + 100);
    assertThat(scan(cut, 512)).isEmpty();
    GoSymbols.Scanner small = new GoSymbols.Scanner(3);
    small.accept(file, 0, file.length);
    assertThat(small.finish()).isEmpty();
  }

  @Test
  void normalisation() {
    assertThat(GoSymbolTable.normalizeSymbol("(*Server).Serve")).isEqualTo("Server.Serve");
    assertThat(GoSymbolTable.normalizeSymbol("(*Tree[go.shape.int]).Insert")).isEqualTo("Tree.Insert");
    assertThat(GoSymbolTable.unescapePath("gopkg.in/yaml%2ev3")).isEqualTo("gopkg.in/yaml.v3");
    assertThat(GoSymbolTable.unescapePath("bad%2")).isEqualTo("bad%2");
  }

  /** Two real programs, built with the Go toolchain here (stripped, as harden builds them). */
  @Test
  void realBinaries(@TempDir Path dir) throws Exception {
    assumeTrue(LocalRegistry.onPath("go"), "skipped: needs the Go toolchain (Debian golang-go; .ci/run installs it)");
    Path web = build(dir, "web", "package main\n\nimport \"net/http\"\n\nfunc main() { _ = http.ListenAndServe(\":8080\", nil) }\n");
    Path hello = build(dir, "hello", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n");
    for (int chunk : new int[] {8192, 65536, 1 << 20}) {
      GoSymbolTable w = scan(Files.readAllBytes(web), chunk).orElseThrow();
      assertThat(w.contains("net/http", "ListenAndServe")).isTrue();
      assertThat(w.contains("net/http", "Server.ListenAndServe")).isTrue();
      assertThat(w.containsPackage("net/http")).isTrue();
      assertThat(w.containsPackage("crypto/tls")).as("net/http links TLS").isTrue();
      GoSymbolTable h = scan(Files.readAllBytes(hello), chunk).orElseThrow();
      assertThat(h.contains("fmt", "Println")).isTrue();
      assertThat(h.containsPackage("net/http")).isFalse();
      assertThat(h.containsPackage("crypto/tls")).isFalse();
    }
  }

  static Path build(Path dir, String name, String main) throws Exception {
    Path src = Files.createDirectories(dir.resolve(name + "-src"));
    Files.writeString(src.resolve("go.mod"), "module example.com/" + name + "\n\ngo 1.19\n");
    Files.writeString(src.resolve("main.go"), main);
    Path out = dir.resolve(name);
    ProcessBuilder pb = new ProcessBuilder("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out.toString(), ".").directory(src.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().putAll(Map.of("CGO_ENABLED", "0", "GOPROXY", "off", "GOFLAGS", "-mod=mod", "GOCACHE", dir.resolve("gocache").toString(),
        "HOME", dir.toString()));
    Process p = pb.start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("go build: " + Files.readString(dir.resolve(name + ".log"))).isZero();
    return out;
  }
}
