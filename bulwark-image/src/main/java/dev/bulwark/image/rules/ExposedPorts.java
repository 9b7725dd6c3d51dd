package dev.bulwark.image.rules;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import java.util.List;
import java.util.function.Consumer;

/** BW-M004: SSH or privileged port exposed. */
public final class ExposedPorts extends ImageRule {
  public ExposedPorts() {
    super("BW-M004", "SSH or privileged port exposed", Severity.HIGH, Category.ATTACK_SURFACE,
        "Port 22 means an SSH daemon is expected; ports below 1024 need root or CAP_NET_BIND_SERVICE.",
        "Remove SSH; listen on an unprivileged port and map it at run time.", List.of("DS004"));
  }

  @Override
  public void check(ImageTarget t, Consumer<Finding> report) {
    for (String p : t.image().manifest().config().exposedPorts()) {
      String num = p.contains("/") ? p.substring(0, p.indexOf('/')) : p;
      try {
        int port = Integer.parseInt(num);
        if (port == 22) {
          report.accept(inConfig("ExposedPorts", "the image exposes SSH (" + p + ")"));
        } else if (port > 0 && port < 1024) {
          report.accept(inConfig("ExposedPorts", "the image exposes privileged port " + p).withSeverity(Severity.LOW));
        }
      } catch (NumberFormatException e) {
        // ranges and odd values are not judged
      }
    }
  }
}
