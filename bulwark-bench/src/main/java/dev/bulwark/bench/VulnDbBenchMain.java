package dev.bulwark.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link VulnDbBenchmark} and prints open, match and both in ms against the 150 ms budget. Argument: seconds per iteration. */
public final class VulnDbBenchMain {
  private VulnDbBenchMain() {}

  public static void main(String[] args) throws RunnerException {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    Options opts = new OptionsBuilder()
        .include(VulnDbBenchmark.class.getName())
        .forks(1)
        .warmupIterations(2)
        .warmupTime(TimeValue.seconds(seconds))
        .measurementIterations(3)
        .measurementTime(TimeValue.seconds(seconds))
        .jvmArgsAppend("-Dbulwark.data=" + System.getProperty("bulwark.data", "../shared/data"))
        .build();
    java.util.Collection<RunResult> results = new Runner(opts).run();
    System.out.printf("%n%-28s %10s%n", "vulndb (1,000 packages)", "ms");
    java.util.Map<String, Double> json = new java.util.HashMap<>();
    for (RunResult r : results) {
      if (r.getParams().getParam("storage").equals("json")) json.put(r.getParams().getBenchmark(), r.getPrimaryResult().getScore());
    }
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      String storage = r.getParams().getParam("storage");
      double score = r.getPrimaryResult().getScore();
      Double base = json.get(name);
      String ratio = storage.equals("json") || base == null ? "" : String.format("  (%.3f of json)", score / base);
      System.out.printf("%-28s %10.2f%s%n", name.substring(name.lastIndexOf('.') + 1) + " [" + storage + "]", score, ratio);
    }
    System.out.println("budget: open + match ≤ 150 ms");
  }
}
