package dev.bulwark.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.image.pkg.GoSymbolTable;
import dev.bulwark.image.pkg.GoSymbols;
import dev.bulwark.vuln.db.Match;
import dev.bulwark.vuln.db.MemoryVulnDatabase;
import dev.bulwark.vuln.osv.Affected;
import dev.bulwark.vuln.osv.OsvImport;
import dev.bulwark.vuln.reach.GoReachability;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import dev.bulwark.image.testing.LocalRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reachability against an independent reading: every Go standard-library record of ../shared/data/osv/Go.jsonl that
 * affects the toolchain here, judged on two real binaries (a "hello" that links fmt, a web server that links net/http)
 * once from Bulwark's pclntab reading and once from {@code go tool nm}'s symbol list by plain text comparison. nm lists
 * only functions that kept a body (not inlined ones), so Bulwark may find more, never less: whatever nm shows present
 * Bulwark must too, and what Bulwark calls absent nm must not show.
 */
class GoReachabilityOracleTest {
  @TempDir Path dir;

  @Test
  void stdlibRecordsOnRealBinariesAgreeWithGoToolNm() throws Exception {
    Path go = Path.of(System.getProperty("bulwark.repo", "..")).resolve("../shared/data/osv/Go.jsonl").normalize();
    assumeTrue(Files.isRegularFile(go), "no Go OSV sample at " + go + "; skipped");
    assumeTrue(LocalRegistry.onPath("go"), "skipped: needs the Go toolchain (Debian golang-go; .ci/run installs it)");
    String version = run(dir, "go", "env", "GOVERSION").strip().substring(2);
    MemoryVulnDatabase db = new MemoryVulnDatabase(Instant.parse("2026-12-01T00:00:00Z"), List.of("Go.jsonl"), OsvImport.read(go).advisories());
    List<Match> stdlib = db.match("Go", "stdlib", version).matches().stream().filter(m -> !m.affected().imports().isEmpty()).toList();
    assumeTrue(!stdlib.isEmpty(), "no stdlib record with symbols affects go" + version + "; skipped");

    int[] absent = new int[2];
    int[] present = new int[2];
    int[] onlyMine = new int[2];
    String[] programs = {"package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n",
        "package main\n\nimport \"net/http\"\n\nfunc main() { _ = http.ListenAndServe(\":8080\", nil) }\n"};
    for (int k = 0; k < programs.length; k++) {
      Path binary = build(dir, "p" + k, programs[k]);
      GoSymbols.Scanner s = new GoSymbols.Scanner(2_000_000);
      byte[] bytes = Files.readAllBytes(binary);
      for (int off = 0; off < bytes.length && s.accept(bytes, off, Math.min(65536, bytes.length - off)); off += 65536) {
        // streamed as the layer reader streams it
      }
      GoReachability.Binary mine = GoReachabilityCheck.binary(s.finish().orElseThrow());
      Set<String> nm = run(dir, "go", "tool", "nm", binary.toString()).lines().map(l -> l.strip().split("\\s+", 3))
          .filter(f -> f.length == 3).map(f -> f[2]).collect(Collectors.toCollection(TreeSet::new));
      GoReachability.Binary oracle = new NmBinary(nm);
      for (Match m : stdlib) {
        boolean byMine = GoReachability.judge(m.affected().imports(), mine) instanceof GoReachability.Verdict.Present;
        boolean byNm = GoReachability.judge(m.affected().imports(), oracle) instanceof GoReachability.Verdict.Present;
        if (byNm) {
          assertThat(byMine).as(m.advisory().id() + " in " + binary.getFileName() + ": nm shows it, Bulwark must").isTrue();
        }
        if (byMine && !byNm) onlyMine[k]++; // inlined or a closure: in the pclntab, not in nm's list
        if (byMine) present[k]++;
        else absent[k]++;
      }
    }
    System.out.printf("go%s stdlib records with symbols: %d; hello: %d present (%d only by the pclntab), %d not; web: %d present (%d only by the"
        + " pclntab), %d not%n", version, stdlib.size(), present[0], onlyMine[0], absent[0], present[1], onlyMine[1], absent[1]);
    assertThat(absent[0]).as("most of the standard library is not in a hello world").isGreaterThan(stdlib.size() / 2);
    assertThat(present[1]).as("a web server links net/http's vulnerable code").isGreaterThan(present[0]);
  }

  /** The oracle: nm's names compared as text, {@code path.Sym} or {@code path.(*T).M} for a symbol {@code T.M}. */
  record NmBinary(Set<String> names) implements GoReachability.Binary {
    @Override
    public boolean containsPackage(String importPath) {
      String escaped = escapeLast(importPath) + ".";
      return names.stream().anyMatch(n -> n.startsWith(escaped));
    }

    @Override
    public boolean contains(String importPath, String symbol) {
      String p = escapeLast(importPath);
      int dot = symbol.indexOf('.');
      return names.contains(p + "." + symbol) || dot > 0 && names.contains(p + ".(*" + symbol.substring(0, dot) + ")" + symbol.substring(dot));
    }

    @Override
    public String goos() {
      return "linux";
    }

    @Override
    public String goarch() {
      return System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
    }

    private static String escapeLast(String path) {
      int slash = path.lastIndexOf('/');
      return path.substring(0, slash + 1) + path.substring(slash + 1).replace(".", "%2e");
    }
  }

  static String run(Path dir, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(Map.of("GOCACHE", dir.resolve("gocache").toString(), "HOME", dir.toString(), "GOPROXY", "off"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
    return out;
  }

  /** Not stripped: nm needs the symbol table (Bulwark reads the pclntab, which stripping keeps). */
  static Path build(Path dir, String name, String main) throws Exception {
    Path src = Files.createDirectories(dir.resolve(name + "-src"));
    Files.writeString(src.resolve("go.mod"), "module example.com/" + name + "\n\ngo 1.19\n");
    Files.writeString(src.resolve("main.go"), main);
    Path out = dir.resolve(name);
    ProcessBuilder pb = new ProcessBuilder("go", "build", "-trimpath", "-o", out.toString(), ".").directory(src.toFile()).redirectErrorStream(true);
    pb.environment().putAll(Map.of("CGO_ENABLED", "0", "GOPROXY", "off", "GOFLAGS", "-mod=mod", "GOCACHE", dir.resolve("gocache").toString(),
        "HOME", dir.toString()));
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("go build: " + log).isZero();
    return out;
  }
}
