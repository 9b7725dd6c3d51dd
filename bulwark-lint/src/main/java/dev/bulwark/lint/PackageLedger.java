package dev.bulwark.lint;

import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.ShellFact.PackageOperation;
import dev.bulwark.dockerfile.shell.ShellFact.PackageSpec;
import dev.bulwark.lint.DockerfileTarget.RunStep;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which OS packages a stage still has at its end: every install, minus what later commands of the
 * stage remove again. Build dependencies are usually installed and removed in one RUN, in the ways
 * official images do it: {@code apk add --virtual .build-deps …} then {@code apk del .build-deps};
 * {@code apt-mark auto '.*'} (or named packages) then {@code apt-get purge -y --auto-remove};
 * {@code apt-get purge gcc}, {@code dnf remove gcc}, {@code zypper rm gcc}. Pure: it reads the
 * shell facts of the stage's RUN steps in order.
 */
public final class PackageLedger {
  private static final Set<String> REMOVE_ACTIONS = Set.of("del", "remove", "purge", "erase", "rm", "autoremove");

  private PackageLedger() {}

  /** One installed package: the RUN and the install command it came from. */
  public record Install(RunStep step, PackageOperation operation, PackageSpec pkg) {}

  /** What the stage's RUN steps installed and removed, in order. */
  public record Result(List<Install> kept, List<RunStep> stepsThatRemoveWhatTheyInstalled) {}

  /** {@code runs}: one stage's RUN steps, in order. Linear in the number of packages named. */
  public static Result of(List<RunStep> runs) {
    Ledger ledger = new Ledger();
    List<RunStep> cleaning = new ArrayList<>();
    for (RunStep step : runs) {
      Map<Invocation, PackageOperation> ops = new IdentityHashMap<>();
      for (PackageOperation op : step.facts().facts(PackageOperation.class)) {
        if (op.manager().isOsPackageManager()) {
          ops.put(op.invocation(), op);
        }
      }
      List<Install> installedHere = new ArrayList<>();
      boolean removedOwn = false;
      for (Invocation inv : step.facts().invocations()) {
        PackageOperation op = ops.get(inv);
        if (op != null && op.isInstall()) {
          String group = inv.flagValue("--virtual", "-t");
          for (PackageSpec p : op.packages()) {
            Install i = new Install(step, op, p);
            ledger.add(i, group);
            installedHere.add(i);
          }
        } else if (op != null && REMOVE_ACTIONS.contains(op.action())) {
          List<Install> gone = new ArrayList<>();
          for (PackageSpec p : op.packages()) {
            gone.addAll(ledger.removeNamed(p.name()));
          }
          // --auto-remove / autoremove take what apt-mark auto marked
          if (op.action().equals("autoremove") || inv.args().contains("--auto-remove") || inv.args().contains("--autoremove")) {
            gone.addAll(ledger.removeAuto());
          }
          removedOwn |= gone.stream().anyMatch(i -> i.step() == step);
        } else if (inv.name().equals("apt-mark") && !inv.args().isEmpty()) {
          ledger.mark(inv.args(), installedHere);
        }
      }
      if (removedOwn) {
        cleaning.add(step);
      }
    }
    return new Result(List.copyOf(ledger.live), List.copyOf(cleaning));
  }

  /** The packages installed so far, indexed by name and by apk virtual group, and those marked auto. */
  private static final class Ledger {
    private final Set<Install> live = new java.util.LinkedHashSet<>();
    private final Map<String, List<Install>> byName = new java.util.HashMap<>();
    private final Set<Install> auto = new java.util.LinkedHashSet<>();

    void add(Install i, String group) {
      live.add(i);
      byName.computeIfAbsent(i.pkg().name(), n -> new ArrayList<>()).add(i);
      if (group != null) {
        byName.computeIfAbsent(group, n -> new ArrayList<>()).add(i);
      }
    }

    /** Removes the packages of this name, or of the apk virtual group of this name. */
    List<Install> removeNamed(String name) {
      List<Install> named = byName.remove(name);
      if (named == null) {
        return List.of();
      }
      List<Install> gone = new ArrayList<>();
      for (Install i : named) {
        if (live.remove(i)) {
          gone.add(i);
          auto.remove(i);
        }
      }
      return gone;
    }

    List<Install> removeAuto() {
      List<Install> gone = new ArrayList<>(auto);
      live.removeAll(auto);
      auto.clear();
      return gone;
    }

    /**
     * {@code apt-mark auto NAMES|'.*'} marks packages for a later autoremove; {@code apt-mark manual NAMES}
     * keeps them (names given by variable, such as {@code $savedAptMark}, are what was there before this RUN).
     */
    void mark(List<String> args, List<Install> installedHere) {
      List<String> names = args.subList(1, args.size()).stream().filter(a -> !a.startsWith("-")).toList();
      if (args.getFirst().equals("auto")) {
        if (names.stream().anyMatch(n -> n.contains("*") || n.contains("$"))) {
          installedHere.stream().filter(live::contains).forEach(auto::add); // apt-mark auto '.*'
        } else {
          names.forEach(n -> byName.getOrDefault(n, List.of()).stream().filter(live::contains).forEach(auto::add));
        }
      } else if (args.getFirst().equals("manual")) {
        names.forEach(n -> byName.getOrDefault(n, List.of()).forEach(auto::remove));
      }
    }
  }
}
