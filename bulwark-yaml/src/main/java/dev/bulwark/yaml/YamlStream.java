package dev.bulwark.yaml;

import dev.bulwark.core.text.SourceText;
import java.util.List;

/** A loaded YAML file: its text (for spans and pragmas) and its documents in order. */
public record YamlStream(String path, SourceText source, List<YamlDocument> documents) {
  public YamlStream {
    documents = List.copyOf(documents);
  }
}
