package dev.bulwark.vuln.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.vuln.osv.Affected;
import dev.bulwark.vuln.reach.GoReachability.Verdict;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GoReachabilityTest {

  /** A binary holding these {@code path.Symbol} names, built for linux/amd64. */
  record Fake(Set<String> symbols, String goos, String goarch) implements GoReachability.Binary {
    Fake(String... symbols) {
      this(Set.of(symbols), "linux", "amd64");
    }

    @Override
    public boolean containsPackage(String importPath) {
      return symbols.stream().anyMatch(s -> s.startsWith(importPath + "."));
    }

    @Override
    public boolean contains(String importPath, String symbol) {
      return symbols.contains(importPath + "." + symbol);
    }
  }

  static Affected.Import imp(String path, String... symbols) {
    return new Affected.Import(path, List.of(symbols), List.of(), List.of());
  }

  @Test
  void aVulnerableSymbolInTheBinaryIsPresent() {
    Verdict v = GoReachability.judge(List.of(imp("net/http", "Server.Serve", "ListenAndServe")), new Fake("net/http.ListenAndServe", "fmt.Println"));
    assertThat(v).isEqualTo(new Verdict.Present(List.of("net/http.ListenAndServe")));
  }

  @Test
  void noneOfTheSymbolsIsNotPresentAndSaysWhatWasLookedFor() {
    Verdict v = GoReachability.judge(List.of(imp("net/http", "Server.Serve", "ListenAndServe")), new Fake("net/http.Get", "fmt.Println"));
    assertThat(v).isEqualTo(new Verdict.NotPresent("none of net/http.Server.Serve, net/http.ListenAndServe is in the binary"));
    assertThat(GoReachability.judge(List.of(imp("net/http", "Server.Serve")), new Fake("fmt.Println")))
        .isEqualTo(new Verdict.NotPresent("net/http.Server.Serve is not in the binary"));
  }

  @Test
  void anEntryWithoutSymbolsIsTheWholePackage() {
    assertThat(GoReachability.judge(List.of(imp("github.com/a/b")), new Fake("github.com/a/b.init"))).isInstanceOf(Verdict.Present.class);
    assertThat(GoReachability.judge(List.of(imp("github.com/a/b")), new Fake("github.com/a/bc.init")))
        .isEqualTo(new Verdict.NotPresent("package github.com/a/b is not in the binary"));
  }

  @Test
  void anyOfSeveralImportsIsEnough() {
    List<Affected.Import> imports = List.of(imp("golang.org/x/net/html", "Parse"), imp("golang.org/x/net/http2", "Server.ServeConn"));
    assertThat(GoReachability.judge(imports, new Fake("golang.org/x/net/http2.Server.ServeConn"))).isInstanceOf(Verdict.Present.class);
    assertThat(GoReachability.judge(imports, new Fake("golang.org/x/net/idna.ToASCII"))).isInstanceOf(Verdict.NotPresent.class);
  }

  @Test
  void codeBuiltOnlyForOtherPlatformsDoesNotApply() {
    Affected.Import windows = new Affected.Import("os", List.of("StartProcess"), List.of("windows"), List.of());
    assertThat(GoReachability.judge(List.of(windows), new Fake("os.StartProcess")))
        .isEqualTo(new Verdict.NotPresent("the code in os is built only for other platforms than linux/amd64"));
    assertThat(GoReachability.judge(List.of(windows), new Fake(Set.of("os.StartProcess"), null, null)))
        .as("a binary that does not say its platform may be built for it").isInstanceOf(Verdict.Present.class);
    Affected.Import arm = new Affected.Import("crypto/x", List.of("F"), List.of(), List.of("arm64", "amd64"));
    assertThat(GoReachability.judge(List.of(arm), new Fake("crypto/x.F"))).isInstanceOf(Verdict.Present.class);
  }

  @Test
  void noImportListJudgesNothing() {
    assertThat(GoReachability.judge(List.of(), new Fake())).isInstanceOf(Verdict.Unknown.class);
  }

  @Test
  void longListsAreShortened() {
    Verdict v = GoReachability.judge(List.of(imp("p", "A", "B", "C", "D", "E", "F")), new Fake());
    assertThat(((Verdict.NotPresent) v).detail()).isEqualTo("none of p.A, p.B, p.C, p.D and 2 more is in the binary");
  }
}
