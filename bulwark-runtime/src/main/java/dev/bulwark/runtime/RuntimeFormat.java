package dev.bulwark.runtime;

import java.util.function.Function;

/** The runtime settings Bulwark writes for an image, and the file name each goes to under {@code deploy/}. */
public enum RuntimeFormat {
  RUN("run.sh", DockerRunWriter::write),
  COMPOSE("compose.yaml", ComposeWriter::write),
  K8S("kubernetes.yaml", KubernetesWriter::write);

  private final String fileName;
  private final Function<RuntimeProfile, String> writer;

  RuntimeFormat(String fileName, Function<RuntimeProfile, String> writer) {
    this.fileName = fileName;
    this.writer = writer;
  }

  public String fileName() {
    return fileName;
  }

  public String write(RuntimeProfile profile) {
    return writer.apply(profile);
  }
}
