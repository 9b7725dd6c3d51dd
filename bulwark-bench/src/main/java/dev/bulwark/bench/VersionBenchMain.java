package dev.bulwark.bench;

import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link VersionBenchmark} and prints, per scheme, the time for 1,000 comparisons (and for npm 1,000 range
 * checks). Argument: optional measurement seconds per iteration.
 */
public final class VersionBenchMain {
  private VersionBenchMain() {}

  public static void main(String[] args) throws RunnerException {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    Options opts = new OptionsBuilder()
        .include(VersionBenchmark.class.getName())
        .forks(1)
        .warmupIterations(2)
        .warmupTime(TimeValue.seconds(seconds))
        .measurementIterations(3)
        .measurementTime(TimeValue.seconds(seconds))
        .build();
    Map<String, Double> micros = new TreeMap<>();
    for (RunResult r : new Runner(opts).run()) {
      String name = r.getParams().getBenchmark();
      String bench = name.substring(name.lastIndexOf('.') + 1);
      String scheme = r.getParams().getParam("scheme");
      if (bench.startsWith("npm") && !scheme.equals("npm")) continue;
      micros.put(scheme + " " + bench, r.getPrimaryResult().getScore());
    }
    System.out.printf("%n%-40s %14s%n", "scheme, benchmark (1,000 operations)", "µs");
    micros.forEach((k, v) -> System.out.printf("%-40s %14.1f%n", k, v));
  }
}
