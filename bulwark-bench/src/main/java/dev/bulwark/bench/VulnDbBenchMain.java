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
    System.out.printf("%n%-28s %10s%n", "vulndb (1,000 packages)", "ms");
    for (RunResult r : new Runner(opts).run()) {
      String name = r.getParams().getBenchmark();
      System.out.printf("%-28s %10.2f%n", name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
    }
    System.out.println("budget: open + match ≤ 150 ms");
  }
}
