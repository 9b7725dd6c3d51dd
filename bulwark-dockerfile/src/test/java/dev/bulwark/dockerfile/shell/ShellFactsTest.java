package dev.bulwark.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dockerfile.shell.ShellFact.PackageManager;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link ShellFacts}: what the recognizers read from real-world RUN lines. */
class ShellFactsTest {

  private static ShellFacts facts(String script) {
    return ShellFacts.of(ShellParser.parse(script).script());
  }

  private static PackageOperation onlyPackageOp(String script) {
    List<PackageOperation> ops = facts(script).facts(PackageOperation.class);
    assertThat(ops).as(script).hasSize(1);
    return ops.getFirst();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      apt-get install -y curl=7.88.1-10          | APT_GET  | install | curl     | 7.88.1-10
      apt-get -o Dpkg::Options::=--force-confnew -y install vim | APT_GET | install | vim |
      apt install --no-install-recommends git    | APT      | install | git      |
      apk add --no-cache --virtual .deps gcc~13  | APK      | add     | gcc      | 13
      apk add musl-dev=1.2.4-r2                  | APK      | add     | musl-dev | 1.2.4-r2
      yum install -y httpd-2.4.6-99.el7          | YUM      | install | httpd    | 2.4.6-99.el7
      microdnf install nginx                     | MICRODNF | install | nginx    |
      zypper -n in 'curl>=8'                     | ZYPPER   | in      | curl     | 8
      pip3 install --user flask==3.0             | PIP      | install | flask    | ==3.0
      python3.12 -m pip install 'django[argon2]~=5.0' | PIP | install | django  | ~=5.0
      npm install --save-dev @types/node@20.11.0 | NPM      | install | @types/node | 20.11.0
      yarn global add serve@14                   | YARN     | add     | serve    | 14
      pnpm add left-pad                          | PNPM     | add     | left-pad |
      gem install bundler -v 2.5.6               | GEM      | install | bundler  | 2.5.6
      cargo install cargo-audit --version 0.20.0 | CARGO    | install | cargo-audit | 0.20.0
      go install example.com/cmd/tool@v1.2.3     | GO       | install | example.com/cmd/tool | v1.2.3
      """)
  void packageOperations(String script, PackageManager pm, String action, String name, String version) {
    PackageOperation op = onlyPackageOp(script);
    assertThat(op.manager()).isEqualTo(pm);
    assertThat(op.action()).isEqualTo(action);
    assertThat(op.packages()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo(name);
      assertThat(p.version()).isEqualTo(version);
    });
  }

  @Test
  void localPackages_countAsPinned() {
    PackageOperation op = onlyPackageOp("pip install ./wheel.whl git+https://x/y.git@v1.0");
    assertThat(op.packages()).allMatch(ShellFact.PackageSpec::isPinned);
    // a VCS URL is pinned only by a ref after the repository (hadolint DL3013)
    assertThat(onlyPackageOp("pip install git+https://x/y.git").packages().getFirst().isPinned()).isFalse();
    assertThat(onlyPackageOp("apt-get install -y ./pkg.deb").packages().getFirst().isPinned()).isTrue();
  }

  @Test
  void upgradesAreRecognizedPerManager() {
    assertThat(onlyPackageOp("apt-get upgrade -y").isUpgrade()).isTrue();
    assertThat(onlyPackageOp("apt-get update").isUpgrade()).isFalse();
    assertThat(onlyPackageOp("apk upgrade --no-cache").isUpgrade()).isTrue();
    assertThat(onlyPackageOp("apk update").isUpgrade()).isFalse();
    assertThat(onlyPackageOp("dnf update -y").isUpgrade()).isTrue();
  }

  @Test
  void notPackageOperations() {
    assertThat(facts("npm run build && pip --version && cargo build && go build ./...").facts(PackageOperation.class)).isEmpty();
    assertThat(facts("echo apt-get install curl").facts(PackageOperation.class)).isEmpty();
  }

  @Test
  void downloadsPipedIntoInterpreters() {
    assertThat(facts("curl -sSL https://x/i.sh | sudo bash").facts(ShellFact.Download.class)).singleElement()
        .satisfies(d -> assertThat(d.pipedInto()).isEqualTo("bash"));
    assertThat(facts("wget -O - https://x/get.py | python3 -").facts(ShellFact.Download.class)).singleElement()
        .satisfies(d -> assertThat(d.pipedInto()).isEqualTo("python3"));
    assertThat(facts("bash -c \"$(curl -fsSL https://x/i.sh)\"").facts(ShellFact.Download.class)).singleElement()
        .satisfies(d -> assertThat(d.pipedInto()).isEqualTo("bash"));
    assertThat(facts("curl -fsSLo /tmp/x https://x/x.tgz && tar xzf /tmp/x").facts(ShellFact.Download.class)).singleElement()
        .satisfies(d -> assertThat(d.pipedInto()).isNull());
  }

  @Test
  void downloadsWhoseOutputOnlySetsAVariable() {
    assertThat(facts("V=$(curl -s http://x/releases | jq -r .version) && curl -fsSLo /tmp/x \"https://x/$V.tgz\"")
        .facts(ShellFact.Download.class)).extracting(ShellFact.Download::capturedInto).containsExactly("V", null);
    assertThat(facts("if [ -z \"$V\" ]; then V=$(wget -qO- http://x/latest); fi").facts(ShellFact.Download.class)).singleElement()
        .satisfies(d -> assertThat(d.capturedInto()).isEqualTo("V"));
    // a substitution in a command's argument is not an assignment: echo prints it, sh would run it
    assertThat(facts("echo $(curl -s http://x/motd)").facts(ShellFact.Download.class)).singleElement()
        .satisfies(d -> assertThat(d.capturedInto()).isNull());
  }

  @Test
  void insecureDownloads() {
    assertThat(facts("curl -fsSLk https://x").facts(ShellFact.Download.class).getFirst().insecure()).isTrue();
    assertThat(facts("curl --insecure https://x").facts(ShellFact.Download.class).getFirst().insecure()).isTrue();
    assertThat(facts("wget --no-check-certificate https://x").facts(ShellFact.Download.class).getFirst().insecure()).isTrue();
    assertThat(facts("curl -fsSL https://x").facts(ShellFact.Download.class).getFirst().insecure()).isFalse();
  }

  @Test
  void sudoToAnotherUserDropsPrivilegesInsteadOfGainingThem() {
    assertThat(facts("sudo -u app make").invocations()).singleElement().satisfies(i -> assertThat(i.viaSudo()).isFalse());
    assertThat(facts("sudo -u app make").facts(ShellFact.Sudo.class)).isEmpty();
    assertThat(facts("sudo -u root make").invocations().getFirst().viaSudo()).isTrue();
    assertThat(facts("sudo -u '#0' make").invocations().getFirst().viaSudo()).isTrue();
    assertThat(facts("sudo -E make").invocations().getFirst().viaSudo()).isTrue();
  }

  @Test
  void wrappersAreUnwrapped() {
    List<Invocation> inv = facts("sudo -E nice -n 5 env A=1 /usr/local/bin/pip install x").invocations();
    assertThat(inv).singleElement().satisfies(i -> {
      assertThat(i.name()).isEqualTo("pip");
      assertThat(i.viaSudo()).isTrue();
      assertThat(i.env()).containsEntry("A", "1");
    });
  }

  @Test
  void shDashC_isParsedAgain() {
    assertThat(facts("sh -c 'apt-get install -y curl'").facts(PackageOperation.class)).hasSize(1);
  }

  @Test
  void compileEnvironment_includesExportsAndPrefixes() {
    ShellFact.Compile c = facts("export CGO_ENABLED=0; GOOS=linux go build -trimpath -o app .").facts(ShellFact.Compile.class).getFirst();
    assertThat(c.env()).containsEntry("CGO_ENABLED", "0").containsEntry("GOOS", "linux");
    assertThat(c.args()).contains("-trimpath");
  }

  @Test
  void pipefail() {
    assertThat(facts("set -eux -o pipefail; a | b").setsPipefail()).isTrue();
    assertThat(facts("set -eux; a | b").setsPipefail()).isFalse();
  }

  @Test
  void users() {
    ShellFact.UserCreation u = facts("useradd --uid 10001 --no-log-init -r appuser").facts(ShellFact.UserCreation.class).getFirst();
    assertThat(u.name()).isEqualTo("appuser");
    assertThat(u.id()).isEqualTo("10001");
    assertThat(u.noLogInit()).isTrue();
    assertThat(u.system()).isTrue();
  }
}
