package dev.bulwark.bench;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Rule;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.context.BuildContext;
import dev.bulwark.lint.context.DockerIgnore;
import dev.bulwark.lint.rules.DockerfileRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where a scan's time goes, rule by rule: parses every Dockerfile under the given directories,
 * warms the analyses rules share (shell facts of every RUN, package ledgers, pragmas) as their own
 * line, then times each rule over every file, single-threaded, and prints each line's share of the
 * total. Whole-context COPYs get their directory's context, listed once per directory as the scan
 * lists it. Shared work is separated so that it is not charged to whichever rule asks first.
 * Arguments: [--warmup W] [--passes N] DIR...; each pass parses afresh (analyses are memoized per
 * file); W warm-up passes (default 1), then N measured ones (default 3), figures per measured pass.
 * Run by bench/rule-profile.sh.
 */
public final class RuleProfile {
  private static final Set<String> NOT_ENTERED = Set.of(".git", "node_modules", ".venv", "venv", "target", "__pycache__", ".gradle", ".m2");

  private RuleProfile() {}

  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  /**
   * This thread's CPU time: the profile runs on one thread, and CPU time, unlike wall time, hardly
   * moves when other processes load the machine (the JIT's and GC's own threads are not counted).
   */
  private static long cpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }

  public static void main(String[] args) throws IOException {
    int passes = 3;
    int warmup = 1;
    List<Path> roots = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--passes")) {
        passes = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--warmup")) {
        warmup = Integer.parseInt(args[++i]);
      } else {
        roots.add(Path.of(args[i]));
      }
    }
    List<Path> files = new ArrayList<>();
    for (Path r : roots) {
      findDockerfiles(r, files);
    }
    List<byte[]> texts = new ArrayList<>();
    for (Path f : files) {
      texts.add(Files.readAllBytes(f));
    }
    Map<Path, BuildContext> contexts = new HashMap<>();
    List<Rule<DockerfileTarget>> rules = DockerfileRules.all();
    long[] ruleNanos = new long[rules.size()];
    long parseNanos = 0;
    long sharedNanos = 0;
    long findings = 0;
    Counter sink = new Counter();
    for (int pass = 0; pass < warmup + passes; pass++) {
      boolean measured = pass >= warmup;
      long t0 = cpuNanos();
      List<DockerfileTarget> targets = new ArrayList<>(files.size());
      for (int i = 0; i < files.size(); i++) {
        targets.add(DockerfileTarget.parse(files.get(i).toString(), texts.get(i)));
      }
      long t1 = cpuNanos();
      for (int i = 0; i < targets.size(); i++) {
        DockerfileTarget t = targets.get(i);
        if (t.wholeContextCopy().isPresent()) {
          targets.set(i, t = t.withContext(contexts.computeIfAbsent(files.get(i).toAbsolutePath().getParent(), RuleProfile::context)));
        }
        warm(t);
      }
      long t2 = cpuNanos();
      if (measured) {
        parseNanos += t1 - t0;
        sharedNanos += t2 - t1;
      }
      sink.n = 0;
      for (int r = 0; r < rules.size(); r++) {
        Rule<DockerfileTarget> rule = rules.get(r);
        long s = cpuNanos();
        for (DockerfileTarget t : targets) {
          rule.check(t, sink);
        }
        if (measured) {
          ruleNanos[r] += cpuNanos() - s;
        }
      }
      findings = sink.n;
    }
    long rulesTotal = 0;
    for (long n : ruleNanos) {
      rulesTotal += n;
    }
    double total = parseNanos + sharedNanos + rulesTotal;
    System.out.printf(Locale.ROOT, "%d Dockerfiles, %d findings per pass, %d measured passes (CPU ms of the profiling thread, per pass)%n", files.size(), findings, passes);
    System.out.printf(Locale.ROOT, "%-44s %10s %7s%n", "phase or rule", "ms", "share");
    line("parse + build model", parseNanos, passes, total);
    line("shared analyses (shell facts, ledgers, pragmas)", sharedNanos, passes, total);
    line("all rules", rulesTotal, passes, total);
    Integer[] order = new Integer[rules.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Long.compare(ruleNanos[b], ruleNanos[a]));
    for (int k = 0; k < Math.min(15, order.length); k++) {
      Rule<DockerfileTarget> rule = rules.get(order[k]);
      line("  " + rule.info().id() + " " + rule.getClass().getSimpleName(), ruleNanos[order[k]], passes, total);
    }
  }

  private static void line(String what, long nanos, int passes, double total) {
    System.out.printf(Locale.ROOT, "%-44s %10.1f %6.1f%%%n", what, nanos / 1e6 / passes, 100 * nanos / total);
  }

  /** What every rule may ask of a target, computed once, as the first rule to ask would. */
  private static void warm(DockerfileTarget t) {
    t.suppressions();
    t.runs();
    for (Stage s : t.model().stages()) {
      t.packages(s);
      t.inFinalImage(s);
    }
  }

  private static final class Counter implements Consumer<Finding> {
    long n;

    @Override
    public void accept(Finding f) {
      n++;
    }
  }

  private static void findDockerfiles(Path root, List<Path> out) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
        return d.getFileName() != null && NOT_ENTERED.contains(d.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && dev.bulwark.dockerfile.syntax.DockerfileNames.isDockerfileName(f.getFileName().toString())) {
          out.add(f);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    out.sort(null);
  }

  /** A directory's context as the scan lists it (dependency directories listed, not entered). */
  private static BuildContext context(Path dir) {
    try {
      List<String> entries = new ArrayList<>();
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          if (d.equals(dir)) {
            return FileVisitResult.CONTINUE;
          }
          entries.add(dir.relativize(d).toString().replace('\\', '/') + "/");
          return NOT_ENTERED.contains(d.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
          entries.add(dir.relativize(f).toString().replace('\\', '/'));
          return FileVisitResult.CONTINUE;
        }
      });
      Path ignoreFile = dir.resolve(".dockerignore");
      DockerIgnore ignore = Files.isRegularFile(ignoreFile) ? DockerIgnore.parse(Files.readString(ignoreFile, StandardCharsets.ISO_8859_1)) : null;
      return new BuildContext(ignore == null ? null : ignoreFile.toString(), ignore, List.copyOf(entries), false);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
