package dev.bulwark.compose.rules;

import dev.bulwark.compose.ComposeRule;
import dev.bulwark.compose.ComposeTarget;
import dev.bulwark.compose.rules.image.LatestImage;
import dev.bulwark.compose.rules.mounts.Devices;
import dev.bulwark.compose.rules.mounts.RuntimeSocket;
import dev.bulwark.compose.rules.mounts.SensitiveHostPath;
import dev.bulwark.compose.rules.mounts.SharedPropagation;
import dev.bulwark.compose.rules.network.BackendNetwork;
import dev.bulwark.compose.rules.network.PublishedPort;
import dev.bulwark.compose.rules.privilege.CapabilitiesNotDropped;
import dev.bulwark.compose.rules.privilege.CapabilityAdded;
import dev.bulwark.compose.rules.privilege.ConfinementDisabled;
import dev.bulwark.compose.rules.privilege.HostNamespace;
import dev.bulwark.compose.rules.privilege.NoNewPrivileges;
import dev.bulwark.compose.rules.privilege.Privileged;
import dev.bulwark.compose.rules.privilege.RootUser;
import dev.bulwark.compose.rules.privilege.WritableRootFilesystem;
import dev.bulwark.compose.rules.resources.CgroupParent;
import dev.bulwark.compose.rules.resources.NoLimits;
import dev.bulwark.compose.rules.resources.UlimitLifted;
import dev.bulwark.compose.rules.resources.UnsafeSysctl;
import dev.bulwark.compose.rules.secrets.SecretInEnvironment;
import dev.bulwark.core.Linter;
import java.util.List;

/** Every Compose rule, in id order. */
public final class ComposeRules {
  private static final List<ComposeRule> ALL = List.of(new Privileged(), new CapabilityAdded(), new CapabilitiesNotDropped(),
      new RootUser(), new NoNewPrivileges(), new ConfinementDisabled(), new HostNamespace(), new WritableRootFilesystem(),
      new RuntimeSocket(), new SensitiveHostPath(), new SharedPropagation(), new Devices(), new PublishedPort(), new LatestImage(),
      new SecretInEnvironment(), new NoLimits(), new UnsafeSysctl(), new UlimitLifted(), new CgroupParent(), new BackendNetwork());

  private ComposeRules() {}

  public static List<ComposeRule> all() {
    return ALL;
  }

  public static Linter<ComposeTarget> linter() {
    return new Linter<>(ALL);
  }
}
