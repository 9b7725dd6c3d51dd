package dev.bulwark.image.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cheap name check in front of BW-M008's pattern lets through every path the pattern matches. */
class SecretFilesTest {
  @Test
  void prefilter_passesEveryPathThePatternMatches() {
    List<String> matched = List.of("app/.env", "app/.env.production", "root/.ssh/id_rsa", "root/.ssh/id_ed25519", "etc/ssl/private/server.key",
        "a/b.p12", "c.pfx", "home/u/.npmrc", ".pypirc", "root/.netrc", "x/.git-credentials", "root/.aws/credentials", "root/.docker/config.json",
        "etc/nginx/.htpasswd", ".key");
    for (String p : matched) {
      assertThat(SecretFiles.SECRET_PATH.matcher(p).find()).as(p).isTrue();
      assertThat(SecretFiles.mayBeSecret(p)).as(p).isTrue();
    }
    assertThat(SecretFiles.mayBeSecret("usr/bin/env")).isFalse();
    assertThat(SecretFiles.mayBeSecret("t/12/345")).isFalse();
  }
}
