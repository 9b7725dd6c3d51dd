package dev.bulwark.lint.rules.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The anchored search of {@link CredentialsInUrl#credentialUrls} finds exactly what a plain {@code find()} loop finds. */
class CredentialsInUrlMatchingTest {
  private static List<String> byFind(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = CredentialsInUrl.URL_CREDENTIALS.matcher(text);
    while (m.find()) {
      out.add(m.start() + "-" + m.end() + ":" + m.group(1) + ":" + m.group(2));
    }
    return out;
  }

  private static List<String> anchored(String text) {
    return CredentialsInUrl.credentialUrls(text).stream().map(m -> m.start() + "-" + m.end() + ":" + m.group(1) + ":" + m.group(2)).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"curl https://user:pw@example.com/x", "git+https://a:b@h/x https://c:d@e", "_http://u:p@h", "x.http://u:p@h",
      "9ftp://u:p@h", "-s3://u:p@h", "ahttp://u:p@h:8080://v:q@w", "https://u:p@h:https://v:q@w", "://u:p@h", "h://u:p@", "http://u@h",
      "mongodb+srv://admin:$PASS@db", "a://u:p@h a://u:p@h", "é http://u:p@h", "http://u:p@h@i"})
  void sameMatchesAsFind(String text) {
    assertThat(anchored(text)).isEqualTo(byFind(text));
  }

  @Test
  void sameMatchesAsFindOnRandomText() {
    String alphabet = "ab_9.+-:/@ \"'h$";
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      int n = random.nextInt(30);
      for (int j = 0; j < n; j++) {
        text.append(random.nextInt(6) == 0 ? "://" : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
      }
      assertThat(anchored(text.toString())).as(text.toString()).isEqualTo(byFind(text.toString()));
    }
  }
}
