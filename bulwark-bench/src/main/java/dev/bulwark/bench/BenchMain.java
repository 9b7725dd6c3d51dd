package dev.bulwark.bench;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link ParseBenchmark} and prints files/s and MB/s for each benchmark, with the ratio to
 * the baseline measured in the same run. Arguments: corpus directory, then optional
 * measurement seconds per iteration.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws RunnerException {
    String corpusDir = args.length > 0 ? args[0] : "bulwark-dockerfile/src/test/resources/golden";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Corpus corpus = Corpus.load(Path.of(corpusDir));
    Options opts = new OptionsBuilder()
        .include(ParseBenchmark.class.getName())
        .forks(1)
        .warmupIterations(3)
        .warmupTime(TimeValue.seconds(seconds))
        .measurementIterations(5)
        .measurementTime(TimeValue.seconds(seconds))
        .jvmArgsAppend("-Dbulwark.corpus=" + corpusDir)
        .build();
    Collection<RunResult> results = new Runner(opts).run();
    Map<String, Double> opsPerSecond = new TreeMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      opsPerSecond.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
    }
    double base = opsPerSecond.getOrDefault("baseline", Double.NaN);
    System.out.printf("%nCorpus: %d Dockerfiles, %.1f KB (%s)%n", corpus.files().size(), corpus.bytes() / 1024.0, corpusDir);
    System.out.printf("%-14s %14s %10s %18s%n", "benchmark", "files/s", "MB/s", "ratio to baseline");
    for (var e : opsPerSecond.entrySet()) {
      double files = e.getValue() * corpus.files().size();
      double mb = e.getValue() * corpus.bytes() / 1e6;
      System.out.printf("%-14s %14.0f %10.1f %18.3f%n", e.getKey(), files, mb, e.getValue() / base);
    }
  }
}
