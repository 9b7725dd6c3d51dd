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
      int firstOfThisRun = ledger.size();
      boolean removedOwn = false;
      for (Invocation inv : step.facts().invocations()) {
        PackageOperation op = ops.get(inv);
        if (op != null && op.isInstall()) {
          String group = inv.flagValue("--virtual", "-t");
          for (PackageSpec p : op.packages()) {
            ledger.add(new Install(step, op, p), group);
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
          ledger.mark(inv.args(), firstOfThisRun);
        }
      }
      if (removedOwn) {
        cleaning.add(step);
      }
    }
    return new Result(ledger.kept(), List.copyOf(cleaning));
  }

  /**
   * The packages installed so far, indexed by name and by apk virtual group, and those marked auto.
   * By position, not by value: records hash field by field (here: a whole RUN step), which is both
   * slow and, on a one-file scan, a method-handle bootstrap per record type.
   */
  private static final class Ledger {
    private final List<Install> all = new ArrayList<>();
    private final java.util.BitSet live = new java.util.BitSet();
    private final java.util.BitSet auto = new java.util.BitSet();
    private final Map<String, List<Integer>> byName = new java.util.HashMap<>();

    void add(Install i, String group) {
      int n = all.size();
      all.add(i);
      live.set(n);
      byName.computeIfAbsent(i.pkg().name(), k -> new ArrayList<>()).add(n);
      if (group != null) {
        byName.computeIfAbsent(group, k -> new ArrayList<>()).add(n);
      }
    }

    /** Removes the packages of this name, or of the apk virtual group of this name. */
    List<Install> removeNamed(String name) {
      List<Integer> named = byName.remove(name);
      List<Install> gone = new ArrayList<>();
      for (int n : named == null ? List.<Integer>of() : named) {
        if (live.get(n)) {
          live.clear(n);
          auto.clear(n);
          gone.add(all.get(n));
        }
      }
      return gone;
    }

    List<Install> removeAuto() {
      List<Install> gone = new ArrayList<>();
      auto.stream().forEach(n -> gone.add(all.get(n)));
      live.andNot(auto);
      auto.clear();
      return gone;
    }

    List<Install> kept() {
      return live.stream().mapToObj(all::get).toList();
    }

    /**
     * {@code apt-mark auto NAMES|'.*'} marks packages for a later autoremove; {@code apt-mark manual NAMES}
     * keeps them (names given by variable, such as {@code $savedAptMark}, are what was there before this RUN).
     */
    void mark(List<String> args, int firstOfThisRun) {
      List<String> names = args.subList(1, args.size()).stream().filter(a -> !a.startsWith("-")).toList();
      if (args.getFirst().equals("auto")) {
        // no names: they come from stdin, as in 'apt-mark showmanual | xargs apt-mark auto' (every manual package)
        if (names.isEmpty() || names.stream().anyMatch(n -> n.contains("*") || n.contains("$"))) {
          for (int n = firstOfThisRun; n < all.size(); n++) { // apt-mark auto '.*': what this RUN installed
            if (live.get(n)) {
              auto.set(n);
            }
          }
        } else {
          names.forEach(name -> byName.getOrDefault(name, List.of()).stream().filter(live::get).forEach(auto::set));
        }
      } else if (args.getFirst().equals("manual")) {
        names.forEach(name -> byName.getOrDefault(name, List.of()).forEach(auto::clear));
      }
    }

    int size() {
      return all.size();
    }
  }
}
