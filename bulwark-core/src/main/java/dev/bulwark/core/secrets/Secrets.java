package dev.bulwark.core.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secret detection shared by every target: names that say "secret" (BuildKit's
 * SecretsUsedInArgOrEnv tokens and allow-list), credential-shaped values (provider token formats,
 * private key headers, JWTs), entropy, and masking for messages.
 */
public final class Secrets {
  private Secrets() {}

  /** How to pass a secret instead, for every rule that finds one. */
  public static final String SECRET_FIX = "Pass secrets at build time with `RUN --mount=type=secret,id=token,env=TOKEN ...`"
      + " (`docker build --secret id=token,env=TOKEN`) and at run time from the orchestrator's secret store; never as"
      + " ARG/ENV, which stay in the image config and `docker history`.";

  /** BuildKit's SecretsUsedInArgOrEnv token rule, with its allow-list. */
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)");
  private static final Pattern ALLOWED_NAME = Pattern.compile("(?i)(?:_|^)(?:public|file|version)(?:_|$)");

  private static final Set<String> SECRET_TOKENS =
      Set.of("apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token");
  private static final Set<String> ALLOWED_TOKENS = Set.of("public", "file", "version");

  public static boolean isSecretName(String name) {
    if (!isAscii(name)) {
      return SECRET_NAME.matcher(name).find() && !ALLOWED_NAME.matcher(name).find();
    }
    // The patterns' meaning, without a regex per name: a token is a part between underscores.
    boolean secret = false;
    for (String part : name.toLowerCase(Locale.ROOT).split("_", -1)) {
      if (ALLOWED_TOKENS.contains(part)) {
        return false;
      }
      secret |= SECRET_TOKENS.contains(part);
    }
    return secret;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  /** Credential-shaped values: provider token formats, key headers, JWTs. */
  private static final List<Pattern> CREDENTIALS = List.of(
      Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
      Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"),
      Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{50,}\\b"),
      Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}\\b"),
      Pattern.compile("\\bxox[baprs]-[A-Za-z0-9-]{10,}\\b"),
      Pattern.compile("-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY( BLOCK)?-----"),
      Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\b"),
      Pattern.compile("\\bsk_live_[A-Za-z0-9]{20,}\\b"),
      Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"),
      Pattern.compile("\\bnpm_[A-Za-z0-9]{36}\\b"));

  /**
   * For each pattern of {@link #CREDENTIALS}, in order, literals one of which every match contains:
   * a pattern is only tried on text holding one (most instructions hold none, and a broad hint such
   * as "gh", in "github", sent every instruction through all ten patterns).
   */
  private static final List<List<String>> CREDENTIAL_HINTS = List.of(
      List.of("AKIA", "ASIA"),
      List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
      List.of("github_pat_"),
      List.of("glpat-"),
      List.of("xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"),
      List.of("PRIVATE KEY"),
      List.of("eyJ"),
      List.of("sk_live_"),
      List.of("AIza"),
      List.of("npm_"));

  public static String credentialIn(String text) {
    MatchResult m = credentialMatch(text);
    return m == null ? null : m.group();
  }

  /** The first credential-shaped value in {@code text} with where it is, or null. */
  public static MatchResult credentialMatch(String text) {
    int hinted = hintedPatterns(text);
    for (int i = 0; hinted != 0 && i < CREDENTIALS.size(); i++) {
      if ((hinted & (1 << i)) == 0) {
        continue;
      }
      Matcher m = CREDENTIALS.get(i).matcher(text);
      if (m.find()) {
        return m.toMatchResult();
      }
    }
    return null;
  }

  /** A literal that every match of pattern number {@code pattern} of {@link #CREDENTIALS} contains. */
  private record Hint(String text, int pattern) {}

  /**
   * The hints by their first character, so that one pass over the text finds every hinted pattern
   * (checking each hint with String.contains was a tenth of a scan's time).
   */
  private static final Hint[][] HINTS_BY_FIRST_CHAR = hintsByFirstChar();

  private static Hint[][] hintsByFirstChar() {
    List<List<Hint>> table = new ArrayList<>();
    for (int c = 0; c < 128; c++) {
      table.add(new ArrayList<>());
    }
    for (int i = 0; i < CREDENTIAL_HINTS.size(); i++) {
      for (String hint : CREDENTIAL_HINTS.get(i)) {
        table.get(hint.charAt(0)).add(new Hint(hint, i));
      }
    }
    Hint[][] byChar = new Hint[128][];
    for (int c = 0; c < 128; c++) {
      byChar[c] = table.get(c).toArray(new Hint[0]);
    }
    return byChar;
  }

  /** A bit per pattern of {@link #CREDENTIALS} one of whose hints occurs in {@code text}. */
  private static int hintedPatterns(String text) {
    int hinted = 0;
    for (int at = 0, n = text.length(); at < n; at++) {
      char c = text.charAt(at);
      if (c >= 128) {
        continue;
      }
      for (Hint hint : HINTS_BY_FIRST_CHAR[c]) {
        if (text.startsWith(hint.text(), at)) {
          hinted |= 1 << hint.pattern();
        }
      }
    }
    return hinted;
  }

  /** Shannon entropy in bits per char; random 20+ char tokens score above 4. */
  public static double entropy(String s) {
    int[] counts = new int[128];
    int n = 0;
    for (char c : s.toCharArray()) {
      if (c < 128) {
        counts[c]++;
        n++;
      }
    }
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = (double) c / n;
        h -= p * (Math.log(p) / Math.log(2));
      }
    }
    return h;
  }

  /** One or more OpenPGP key ids or fingerprints (16 or 40 hex digits, optionally 0x-prefixed or in groups of four). */
  private static final Pattern KEY_IDS =
      Pattern.compile("(?:0x)?(?:[0-9A-Fa-f]{4} ?){3}[0-9A-Fa-f]{4}(?:(?: ?[0-9A-Fa-f]{4}){6})?(?:[\\s,;]+(?:0x)?(?:[0-9A-Fa-f]{4} ?){3}[0-9A-Fa-f]{4}(?:(?: ?[0-9A-Fa-f]{4}){6})?)*");
  /** Names that say the key is a signature-verification key: GPG_KEY, NODE_GPG_KEYS, TINI_SIGNING_KEY, NGINX_RELEASE_KEY. */
  private static final Pattern VERIFICATION_KEY_NAME = Pattern.compile("(?i)(?:gpg|pgp|gnupg|sign|fingerprint|release|keyring|keyserver)");
  /** Secret words stronger than "key", which alone also names dictionary keys (.NET's {@code Filters__0__Key=ProcessId}). */
  private static final Pattern STRONG_SECRET_WORD =
      Pattern.compile("(?i)(?:_|^)(?:apikey|auth|credential|credentials|password|pword|passwd|secret|token)(?:_|$)");
  /** A plain word: letters only. No key, token or generated password is one. */
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z]{1,32}");
  /** A value wrapped in one pair of matching quotes. */
  private static final Pattern QUOTED = Pattern.compile("^([\"'])(.*)\\1$");
  /** Switches and toggles: ALLOW_EMPTY_PASSWORD=no, SKIP_AUTH=true. */
  private static final Pattern BOOLEAN = Pattern.compile("(?i)yes|no|true|false|on|off|[01]|enabled?|disabled?");

  /**
   * True when {@code value} of a secret-named variable is public or no value at all, so nothing
   * secret is stored: OpenPGP key ids and fingerprints under a name that says they verify
   * signatures (official images pin their release keys this way), switches, an empty placeholder,
   * a path under /run/secrets (the secret is mounted, not baked in) or another file's path (where a secret is kept, not
   * the secret), or a plain word under a name
   * whose only secret word is "key" (a dictionary key or setting, as in .NET's {@code Filters__0__Key=ProcessId}). {@code value} is as written,
   * quotes included; null means the variable has no value here (an ARG without a default).
   */
  public static boolean isPublicValue(String name, String value) {
    if (value == null) {
      return false; // ARG TOKEN: the classic way to pass a secret into the build, and into its history
    }
    String v = QUOTED.matcher(value.strip()).replaceAll("$2").strip();
    if (v.isEmpty() || BOOLEAN.matcher(v).matches() || v.startsWith("/run/secrets/") || REPEATED.matcher(v).matches()) {
      return true;
    }
    if (FILE_PATH.matcher(v).matches() || LOWERCASE_ABSOLUTE_PATH.matcher(v).matches()) {
      return true; // NGROK_CA_KEY=assets/tls/root.key, TOKEN_FILE=/etc/app/token: where a secret is, not the secret
    }
    if (!STRONG_SECRET_WORD.matcher(name).find() && PLAIN_WORD.matcher(v).matches()) {
      return true; // only "key" in the name and a word for a value: a setting's name (SORT_KEY=name), not a key
    }
    // a few dozen fingerprints at most; longer values are not key lists
    return v.length() <= 4096 && VERIFICATION_KEY_NAME.matcher(name).find() && KEY_IDS.matcher(v).matches();
  }

  /**
   * A file's path: name segments joined by '/' (at least one), the last with a file extension ({@code tls/server.key},
   * {@code /certs/ca.pem}). Base64 secrets also hold '/', but their segments do not end in an extension.
   */
  private static final Pattern FILE_PATH = Pattern.compile("(?:~|\\.{1,2})?/?(?:[\\w.-]{1,64}/)+[\\w-]{1,64}\\.[A-Za-z]{2,5}");
  /** An absolute path of lowercase names ({@code /etc/app/token}, {@code /var/lib/app/}): base64 is never all lowercase. */
  private static final Pattern LOWERCASE_ABSOLUTE_PATH = Pattern.compile("/(?:[a-z0-9_.-]{1,64}/){1,16}[a-z0-9_.-]{0,64}");

  /** One character repeated (XXXXXXXX, ********, 00000000): a mask or a blank to fill in, never a chosen secret. */
  private static final Pattern REPEATED = Pattern.compile("(.)\\1{3,}");

  private static final Pattern PLACEHOLDER =
      Pattern.compile("^(?:<[^<>]*>|\\$\\{[^}]*}|\\{\\{.*}}|[A-Z_-]*(?:SECRET|PASSWORD|TOKEN|CHANGEME|CHANGE_ME|REPLACE_ME|YOUR[_-])[A-Z_-]*|(.)\\1{3,})$");

  /**
   * Text for the reader to replace, not a secret: {@code <Client Secret>}, {@code ${TOKEN}}, {@code {{ .Values.x }}}, an
   * all-caps {@code SECRET}, {@code CHANGE_ME} or {@code YOUR-API-TOKEN}, or one character repeated ({@code XXXXXXXX}).
   */
  public static boolean isPlaceholder(String value) {
    return PLACEHOLDER.matcher(value.strip()).matches();
  }

  /**
   * One word (an app's name, {@code example}, {@code hunter2}), two or three short ones ({@code chrome_token}) or a short
   * number: what people write as example passwords. Longer word chains are passphrases.
   */
  private static final Pattern EXAMPLE = Pattern.compile("(?i)[!.]?[a-z]{1,32}[0-9]{0,4}[!.]?|[0-9]{1,8}|[a-z]{1,16}(?:[-_][a-z]{1,16}){1,2}");
  /** Words joined by '-', '_' or case: {@code change-me-to-something-secure}, {@code MyS3cretPassw0rd}. */
  private static final Pattern WORDS = Pattern.compile("(?i)[!.]?[a-z0-9]{1,48}(?:[-_. ][a-z0-9]{1,48}){0,7}[!.]?");
  /** Words that say a value is an example to replace, not a secret someone chose. */
  private static final Pattern EXAMPLE_WORD = Pattern.compile("(?i)change|example|secret|passw|pass\\b|pwd|your|my|default|admin|root|test"
      + "|demo|strong|secure|super|very|choose|dummy|sample|replace|insecure|bad|dev|local|please|pls|foo|bar");

  /**
   * True when {@code value}, written under the secret name {@code name}, reads as an example to replace rather than a
   * secret someone chose: {@code postgres}, {@code minio123}, {@code changeme}, {@code my-super-secret-password}, or a
   * value that spells its own name ({@code CHROME_TOKEN=chrome_token}). Such a value is public wherever the file is.
   */
  public static boolean isExampleValue(String name, String value) {
    return EXAMPLE.matcher(value).matches() || WORDS.matcher(value).matches() && (EXAMPLE_WORD.matcher(value).find() || namesItself(name, value));
  }

  private static boolean namesItself(String name, String value) {
    String n = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    String v = value.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return v.length() >= 4 && n.contains(v);
  }

  public static String mask(String secret) {
    return secret.length() <= 8 ? "****" : secret.substring(0, 4) + "…" + secret.substring(secret.length() - 2);
  }
}
