package dev.bulwark.dockerfile.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dockerfile.syntax.DockerfileParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link BuildModel}: scope of ARG and ENV, stage graph, state at each step. */
class BuildModelTest {

  private static BuildModel model(String text) {
    return BuildModel.of(DockerfileParser.parse(text));
  }

  @Test
  void globalArgs_expandInFromOnly_unlessRedeclared() {
    BuildModel m = model("ARG V=3.20\nFROM alpine:$V\nENV A=${V:-unset}\nARG V\nENV B=$V\n");
    Stage s = m.stages().getFirst();
    assertThat(s.baseImage()).hasValueSatisfying(r -> assertThat(r.tag()).isEqualTo("3.20"));
    assertThat(s.finalState().env()).containsEntry("A", "unset").containsEntry("B", "3.20");
  }

  @Test
  void buildArgs_overrideDefaults() {
    BuildModel m = BuildModel.of(DockerfileParser.parse("ARG V=1\nFROM alpine:$V\nARG W=x\nENV W=$W\n"), Map.of("V", "2", "W", "y"));
    assertThat(m.stages().getFirst().baseImage().orElseThrow().tag()).isEqualTo("2");
    assertThat(m.stages().getFirst().finalState().env()).containsEntry("W", "y");
  }

  @Test
  void envWinsOverArgOfTheSameName() {
    BuildModel m = model("FROM a\nARG X=arg\nENV X=env\nENV Y=$X\n");
    assertThat(m.stages().getFirst().finalState().env()).containsEntry("Y", "env");
  }

  @Test
  void stageFromStage_inheritsConfigButNotArgs() {
    BuildModel m = model("FROM a AS base\nARG SECRET=s\nENV E=1\nUSER app\nWORKDIR /w\nEXPOSE 80\nFROM base\nENV F=${SECRET:-none}\n");
    Stage child = m.stages().get(1);
    assertThat(child.base()).isEqualTo(new BaseImage.Stage(0, "base"));
    assertThat(child.finalState().user()).isEqualTo("app");
    assertThat(child.finalState().workdir()).isEqualTo("/w");
    assertThat(child.finalState().env()).containsEntry("E", "1").containsEntry("F", "none");
    assertThat(child.exposedPorts()).extracting(PortSpec::start).containsExactly(80);
  }

  @Test
  void stateAtEachStep() {
    BuildModel m = model("FROM a\nRUN one\nUSER u\nRUN two\nWORKDIR /x\nRUN three\n");
    var steps = m.stages().getFirst().steps();
    assertThat(steps.get(0).state().user()).isNull();
    assertThat(steps.get(2).state().user()).isEqualTo("u");
    assertThat(steps.get(4).state().workdir()).isEqualTo("/x");
  }

  @Test
  void copyFromEdges() {
    BuildModel m = model("FROM a AS build\nFROM b\nCOPY --from=build /x /x\nCOPY --from=0 /y /y\nCOPY --from=busybox:1.36 /bin/sh /sh\n");
    assertThat(m.stages().get(1).copyFrom()).extracting(CopyEdge::stageIndex).containsExactly(0, 0, -1);
    assertThat(m.stages().get(1).copyFrom().get(2).image().normalized()).isEqualTo("docker.io/library/busybox:1.36");
  }

  @Test
  void scratchAndStageNamesAreCaseInsensitive() {
    BuildModel m = model("FROM a AS Build\nFROM SCRATCH\nFROM build\n");
    assertThat(m.stages().get(0).name()).isEqualTo("build");
    assertThat(m.stages().get(1).base()).isInstanceOf(BaseImage.Scratch.class);
    assertThat(m.stages().get(2).base()).isInstanceOf(BaseImage.Stage.class);
  }

  @Test
  void runMounts_areTyped() {
    var run = model("FROM a\nRUN --mount=type=secret,id=tok,required --mount=type=cache,target=/c,sharing=locked x\n")
        .stages().getFirst().commands(Command.Run.class).getFirst();
    assertThat(run.mounts()).extracting(Mount::type).containsExactly("secret", "cache");
    assertThat(run.mounts().get(1).options()).containsEntry("sharing", "locked");
  }
}
