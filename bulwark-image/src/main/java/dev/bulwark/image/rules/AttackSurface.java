package dev.bulwark.image.rules;

import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Messages;
import dev.bulwark.core.Severity;
import dev.bulwark.image.fs.FileEntry;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** BW-M009: Shells and package managers in the image. */
public final class AttackSurface extends ImageRule {
  private static final Set<String> SHELLS = Set.of("bin/sh", "bin/bash", "bin/dash", "bin/ash", "bin/zsh", "bin/busybox", "usr/bin/bash");
  private static final Set<String> PACKAGE_MANAGERS = Set.of("usr/bin/apt", "usr/bin/apt-get", "usr/bin/dpkg", "sbin/apk", "usr/bin/yum",
      "usr/bin/dnf", "usr/bin/rpm", "usr/bin/microdnf", "usr/bin/zypper", "usr/bin/pip", "usr/bin/pip3", "usr/local/bin/pip", "usr/local/bin/npm", "usr/bin/npm");

  public AttackSurface() {
    super("BW-M009", "Shells and package managers in the image", Severity.INFO, Category.ATTACK_SURFACE,
        "A shell and a package manager turn code execution into a full toolbox: install, fetch, persist. Distroless and"
            + " scratch images ship neither.",
        "Use a distroless or scratch runtime stage; copy only the artifact.", List.of());
  }

  @Override
  public void check(ImageTarget t, Consumer<Finding> report) {
    java.util.TreeMap<String, FileEntry> shells = new java.util.TreeMap<>();
    java.util.TreeMap<String, FileEntry> pms = new java.util.TreeMap<>();
    long executables = 0;
    for (FileEntry e : t.image().files().entries()) {
      if (e.isExecutable()) {
        executables++;
      }
    }
    for (String s : SHELLS) {
      t.image().files().resolve(s).ifPresent(e -> shells.put("/" + s, e));
    }
    for (String p : PACKAGE_MANAGERS) {
      t.image().files().resolve(p).ifPresent(e -> pms.put("/" + p, e));
    }
    long total = t.image().layers().stream().mapToLong(l -> l.uncompressedBytes()).sum();
    if (!shells.isEmpty() || !pms.isEmpty()) {
      FileEntry first = (shells.isEmpty() ? pms : shells).firstEntry().getValue();
      report.accept(atFile(t, first, executables + " executables, " + (total >> 20) + " MiB in " + t.image().layers().size() + " layer(s); shells: "
          + (shells.isEmpty() ? "none" : Messages.listSome(shells.keySet())) + "; package managers: "
          + (pms.isEmpty() ? "none" : Messages.listSome(pms.keySet()))));
    }
  }
}
