package dev.bulwark.compose.rules.mounts;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeService;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.core.Category;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import dev.bulwark.yaml.YamlMapping;
import dev.bulwark.yaml.YamlNode;
import dev.bulwark.yaml.YamlScalar;
import dev.bulwark.yaml.YamlSequence;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * BW-C012: a host device given to a service. Disks and memory devices are high (raw access to the host's data and kernel);
 * others (GPUs, USB serial, sound, tun, fuse) low.
 */
public final class Devices extends ComposeRule {
  /** Block devices and memory: /dev/sda, /dev/nvme0n1, /dev/mapper/…, /dev/disk/…, /dev/mem, /dev/kmem, /dev/port. */
  private static final Pattern RAW = Pattern.compile(
      "/dev/(?:[shvx]d[a-z]+\\d*|nvme\\d+(?:n\\d+)?(?:p\\d+)?|mmcblk\\d+(?:p\\d+)?|md\\d+|dm-\\d+|loop\\d*|mapper(?:/.*)?|disk/.*|mem|kmem|port|loop-control)");

  public Devices() {
    super("BW-C012", "Host device exposed to the service", Severity.MEDIUM, Category.PRIVILEGE,
        "A device node bypasses the filesystem's permissions: a disk device (`/dev/sda`) reads and writes the host's filesystems"
            + " under every file's permissions, `/dev/mem` and `/dev/kmem` the host's memory. GPUs, serial adapters, sound cards,"
            + " `/dev/net/tun` or `/dev/fuse` widen the kernel surface the container reaches (a driver bug is a host bug) and are"
            + " a low note.",
        "Give only the device the service needs, with the narrowest permissions (`/dev/ttyUSB0:/dev/ttyUSB0:r`); never a disk"
            + " or memory device; use a volume for data.",
        List.of("check_5_18"));
  }

  @Override
  public void check(ComposeTarget target, Consumer<Finding> report) {
    for (ComposeService s : target.services()) {
      if (!(s.body().get("devices") instanceof YamlSequence seq)) {
        continue;
      }
      for (YamlNode n : seq.items()) {
        String source = n instanceof YamlScalar x && !x.isNull() ? x.value().strip().split(":", -1)[0]
            : n instanceof YamlMapping m ? m.string("source") : null;
        if (source == null || source.isEmpty()) {
          continue;
        }
        boolean raw = RAW.matcher(source).matches();
        report.accept(finding(target, raw ? Severity.HIGH : Severity.LOW, s.displayName() + " is given the host device " + source
            + (raw ? ": raw access to the host's disks or memory" : ""), n, s.name()));
      }
    }
  }
}
