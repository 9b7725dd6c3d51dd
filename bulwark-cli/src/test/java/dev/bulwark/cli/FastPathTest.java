package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The fast path parses exactly like picocli, or hands the command line to picocli. */
class FastPathTest {

  static ScanOptions viaPicocli(String[] args) {
    CommandLine cl = Main.newCommandLine(args);
    CommandLine.ParseResult r = cl.parseArgs(args);
    return ((ScanCommand) r.subcommand().commandSpec().userObject()).options();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "scan Dockerfile",
      "scan a b c",
      "scan --no-fail --no-color dir",
      "scan --format json --format sarif=out.sarif .",
      "scan --format=json --fail-on=low x",
      "scan x --fail-on medium --config c.yaml --baseline b.json --write-baseline w.json",
      "scan --exclude vendor/ --exclude=**/testdata x y",
      "scan - x",
      "scan --format tty=/dev/null --no-fail ./path with space",
  })
  void sameOptionsAsPicocli(String line) {
    String[] args = line.split(" ");
    Optional<ScanOptions> fast = FastPath.parse(args);
    assertThat(fast).as(line).isPresent();
    assertThat(fast.get()).isEqualTo(viaPicocli(args));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "scan", "scan --help", "scan -h x", "scan --version", "--debug scan x", "scan --debug x", "scan -- -x", "scan --bogus x",
      "scan --format", "scan --fail-on high --fail-on low x", "scan --no-fail=true x", "parse x", "rules", "scan --config a --config b x",
      "scan --format --no-fail x"})
  void leavesEverythingElseToPicocli(String line) {
    assertThat(FastPath.parse(line.split(" "))).as(line).isEmpty();
  }

  /** The fast path's options for an sbom or image command line, and picocli's. */
  static Object[] bothParses(String line) {
    String[] args = line.split(" ");
    Object fast = args[0].equals("sbom") ? FastPath.parseSbom(args).orElse(null) : FastPath.parseImage(args).orElse(null);
    if (fast == null) {
      return new Object[] {null, null};
    }
    Object command = Main.newCommandLine(args).parseArgs(args).subcommand().commandSpec().userObject();
    return new Object[] {fast, command instanceof SbomCommand s ? s.options() : ((ImageCommand) command).options()};
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "sbom image.tar",
      "sbom --format cyclonedx image.tar",
      "sbom --format=spdx --platform linux/arm64 oci-dir",
      "sbom registry.example.com/team/app:1.2 --insecure --format json",
      "sbom oci:name --platform=linux/amd64/v3",
      "image image.tar",
      "image --no-fail --no-color --format json oci-dir",
      "image --format tty --format sarif=out.sarif --fail-on=medium image.tar",
      "image reg.example.com/app:1 --insecure --platform linux/arm64 --config c.yaml",
  })
  void imageCommands_sameOptionsAsPicocli(String line) {
    Object[] both = bothParses(line);
    assertThat(both[0]).as(line).isNotNull().isEqualTo(both[1]);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "sbom", "sbom --help", "sbom -h x", "sbom a b", "sbom --format xml x", "sbom --format json --format spdx x", "sbom --format",
      "sbom --insecure --insecure x", "sbom --insecure=true x", "sbom --platform a --platform b x", "sbom -- x", "sbom --debug x",
      "--debug sbom x", "sbom --format --insecure x",
      "image", "image --help", "image a b", "image --fail-on high --fail-on low x", "image --no-fail --no-fail x", "image --format",
      "image --config a --config b x", "image --debug x", "image -- x", "image --bogus x", "--debug image x",
      "image --severity high x", "image --ignore-unfixed x"})
  void imageCommands_leaveEverythingElseToPicocli(String line) {
    String[] args = line.split(" ");
    assertThat(FastPath.parseSbom(args)).as(line).isEmpty();
    assertThat(FastPath.parseImage(args)).as(line).isEmpty();
  }

  @Test
  void usageErrorsFallBackSoPicocliWordsThem() {
    assertThat(FastPath.tryRun(new String[] {"image", "--format", "xml", "x.tar"})).isEmpty();
    assertThat(FastPath.tryRun(new String[] {"image", "--fail-on", "banana", "x.tar"})).isEmpty();
    assertThat(FastPath.tryRun(new String[] {"scan", "--format", "xml", "."})).isEmpty();
    assertThat(FastPath.tryRun(new String[] {"scan", "--fail-on", "banana", "."})).isEmpty();
  }
}
