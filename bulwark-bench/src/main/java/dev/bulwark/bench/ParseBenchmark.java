package dev.bulwark.bench;

import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.syntax.DockerfileParser;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.core.Linter;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.rules.DockerfileRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One operation = every file of the corpus once. {@code baseline} only decodes UTF-8 and splits
 * lines, the least any Dockerfile parser must do; the other benchmarks are reported as ratios
 * to it by {@link BenchMain}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParseBenchmark {
  Corpus corpus;
  Linter<DockerfileTarget> linter;

  @Setup
  public void setup() {
    corpus = Corpus.load(Path.of(System.getProperty("bulwark.corpus", "bulwark-dockerfile/src/test/resources/golden")));
    linter = DockerfileRules.linter();
  }

  @Benchmark
  public void baseline(Blackhole bh) {
    for (byte[] f : corpus.files()) {
      bh.consume(new String(f, StandardCharsets.UTF_8).lines().count());
    }
  }

  @Benchmark
  public void parse(Blackhole bh) {
    for (byte[] f : corpus.files()) {
      bh.consume(DockerfileParser.parse(f));
    }
  }

  @Benchmark
  public void parseAndModel(Blackhole bh) {
    for (byte[] f : corpus.files()) {
      bh.consume(BuildModel.of(DockerfileParser.parse(f)));
    }
  }

  @Benchmark
  public void analyze(Blackhole bh) {
    for (byte[] f : corpus.files()) {
      bh.consume(linter.lint(DockerfileTarget.parse("Dockerfile", f)));
    }
  }
}
