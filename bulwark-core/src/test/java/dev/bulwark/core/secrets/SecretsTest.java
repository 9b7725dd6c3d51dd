package dev.bulwark.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {
  /** BuildKit's token rule as a regex: the reference the token-splitting code must agree with. */
  private static final Pattern BUILDKIT_SECRET =
      Pattern.compile("(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)");
  private static final Pattern BUILDKIT_ALLOWED = Pattern.compile("(?i)(?:_|^)(?:public|file|version)(?:_|$)");

  @ParameterizedTest
  @ValueSource(strings = {"KEY", "key", "kEy", "API_KEY", "MY_KEY_FILE", "_KEY_", "KEYS", "MONKEY", "KEY_", "__KEY", "AUTH_TOKEN_VERSION",
      "PUBLIC_KEY", "GPG_KEYS", "GITHUB_TOKEN", "credentials", "DB_PASSWORD", "PASSWORDS", "PWORD", "_", "", "SECRET_PUBLIC_THING",
      "NPM_AUTH", "APIKEY", "API-KEY", "KEY_VERSIONS", "K\u212AEY", "\u212AEY", "S\u00c9CRET_KEY"})
  void secretNamesFollowBuildKitsTokenRule(String name) {
    boolean expected = BUILDKIT_SECRET.matcher(name).find() && !BUILDKIT_ALLOWED.matcher(name).find();
    assertThat(Secrets.isSecretName(name)).as(name).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "aws=AKIAABCDEFGHIJKLMNOP here|AKIAABCDEFGHIJKLMNOP",
      "x ghp_abcdefghijklmnopqrstuvwxyz0123456789 y|ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      "ASIA only, then AKIAQQQQQQQQQQQQQQQQ|AKIAQQQQQQQQQQQQQQQQ",
      "npm_ is a prefix here but the token is xoxb-1234567890-abc|xoxb-1234567890-abc",
      "-----BEGIN OPENSSH PRIVATE KEY-----|-----BEGIN OPENSSH PRIVATE KEY-----"})
  void credentialShapedValuesAreFoundWhereverTheirHintStands(String text, String credential) {
    assertThat(Secrets.credentialIn(text)).isEqualTo(credential);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "AKIA", "github ghost", "eyJ alone", "PRIVATE KEY without header", "\u00e9\u00e8AKIA"})
  void textWithoutACredentialHasNone(String text) {
    assertThat(Secrets.credentialIn(text)).isNull();
  }
}
