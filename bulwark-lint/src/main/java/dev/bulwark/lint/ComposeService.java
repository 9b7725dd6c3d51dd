package dev.bulwark.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * What the Compose service that builds a Dockerfile sets for the container it runs: the settings
 * that change what a rule of the Dockerfile should say. Its healthcheck's programs are kept in the
 * image on purpose (BW-D013); its {@code user} replaces the image's USER; {@code privileged} and
 * {@code cap_add} say the service is meant to use root's powers, which a USER in the image would
 * take away (a non-root process does not get the added capabilities).
 *
 * @param file the Compose file, as a path to show
 * @param service the service's name
 * @param healthcheck the program words of its {@code healthcheck.test} (empty: none, or disabled)
 * @param user its {@code user}, or null when unset
 * @param privileged {@code privileged: true}
 * @param capAdd its {@code cap_add} entries, as written
 */
public record ComposeService(String file, String service, List<String> healthcheck, String user, boolean privileged, List<String> capAdd) {
  public ComposeService {
    healthcheck = List.copyOf(healthcheck);
    capAdd = List.copyOf(capAdd);
  }

  /** No Compose file of the scan builds the Dockerfile. */
  public static final ComposeService NONE = new ComposeService("", "", List.of(), null, false, List.of());

  /** The same service with its Compose file shown as {@code shown} (relative to the Dockerfile, for messages). */
  public ComposeService withFile(String shown) {
    return new ComposeService(shown, service, healthcheck, user, privileged, capAdd);
  }

  /**
   * The words of a health check's command, split at blanks and shell operators; a program named by
   * its path ({@code /usr/bin/curl}) is its name, the way the rules name packages' programs.
   */
  public static List<String> commandWords(String command) {
    List<String> words = new ArrayList<>();
    for (String w : command.split("[\\s;|&()]+")) {
      if (!w.isEmpty()) {
        words.add(w.startsWith("/") || w.startsWith("./") ? w.substring(w.lastIndexOf('/') + 1) : w);
      }
    }
    return List.copyOf(words);
  }

  /** The user the service sets, when it is a fixed non-root one (a variable is not judged). */
  public boolean runsAsNonRoot() {
    return user != null && !user.isBlank() && !user.contains("$") && !Users.isRoot(user.strip());
  }

  /** The setting that gives the service root's powers ({@code privileged: true}, {@code cap_add: [NET_ADMIN]}), or null. */
  public String rootPowers() {
    if (privileged) {
      return "privileged: true";
    }
    return capAdd.isEmpty() ? null : "cap_add: " + String.join(", ", capAdd);
  }
}
