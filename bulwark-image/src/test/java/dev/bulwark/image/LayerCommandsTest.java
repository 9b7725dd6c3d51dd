package dev.bulwark.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Which build step made each layer: the history's non-empty entries, lined up with the diff ids. */
class LayerCommandsTest {
  static final String A = "\"sha256:" + "a".repeat(64) + "\"";
  static final String B = "\"sha256:" + "b".repeat(64) + "\"";

  static ImageConfig config(String json) throws Exception {
    return ManifestReader.config(new ObjectMapper().readTree(json));
  }

  @Test
  void emptyLayerEntriesAreSkipped() throws Exception {
    ImageConfig c = config("{\"rootfs\":{\"diff_ids\":[" + A + "," + B + "]},\"history\":[{\"created_by\":\"ADD rootfs.tar /\"},"
        + "{\"created_by\":\"CMD [\\\"sh\\\"]\",\"empty_layer\":true},{\"created_by\":\"RUN apk add curl # buildkit\"}]}");
    assertThat(c.layerCommands()).containsExactly("ADD rootfs.tar /", "RUN apk add curl # buildkit");
    assertThat(c.history()).hasSize(3);
  }

  @Test
  void aHistoryThatDoesNotLineUpNamesNoLayer() throws Exception {
    assertThat(config("{\"rootfs\":{\"diff_ids\":[" + A + "," + B + "]},\"history\":[{\"created_by\":\"ADD x /\"}]}").layerCommands()).isEmpty();
    assertThat(config("{\"rootfs\":{\"diff_ids\":[" + A + "]}}").layerCommands()).isEmpty();
  }
}
