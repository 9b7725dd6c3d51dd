package dev.bulwark.dockerfile.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.dockerfile.model.BaseImage;
import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.model.CopyEdge;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.dockerfile.model.Mount;
import dev.bulwark.dockerfile.model.PortSpec;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.dockerfile.model.Step;
import dev.bulwark.dockerfile.shell.Invocation;
import dev.bulwark.dockerfile.shell.ShellFact;
import dev.bulwark.dockerfile.shell.ShellFacts;
import dev.bulwark.dockerfile.shell.ShellParseResult;
import dev.bulwark.dockerfile.shell.ShellParser;
import dev.bulwark.dockerfile.syntax.Diagnostic;
import dev.bulwark.dockerfile.syntax.Directive;
import dev.bulwark.dockerfile.syntax.Dockerfile;
import dev.bulwark.dockerfile.syntax.Flag;
import dev.bulwark.dockerfile.syntax.Heredoc;
import dev.bulwark.dockerfile.syntax.Instruction;
import dev.bulwark.core.text.Span;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON dump of {@code bulwark parse --format json}: syntax tree, build model, and for each
 * shell-form command the commands and facts the shell model recognized. Key order is fixed so
 * the output can serve as a golden file.
 */
public final class ParseJson {
  /** Bumped when the shape changes incompatibly. */
  public static final int SCHEMA_VERSION = 1;

  private static final JsonFactory FACTORY = new JsonFactory();

  private ParseJson() {}

  public static String write(BuildModel model) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      new ParseJsonWriter(g).model(model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString() + "\n";
  }

  private record ParseJsonWriter(JsonGenerator g) {

    void model(BuildModel model) throws IOException {
      Dockerfile file = model.file();
      g.writeStartObject();
      g.writeNumberField("schemaVersion", SCHEMA_VERSION);
      g.writeStringField("escape", String.valueOf(file.escapeToken()));
      g.writeArrayFieldStart("directives");
      for (Directive d : file.directives()) {
        g.writeStartObject();
        g.writeStringField("name", d.name());
        g.writeStringField("value", d.value());
        g.writeNumberField("line", d.span().startLine());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("diagnostics");
      for (Diagnostic d : model.diagnostics()) {
        g.writeStartObject();
        g.writeStringField("level", d.level().name().toLowerCase(java.util.Locale.ROOT));
        g.writeStringField("message", d.message());
        span(d.span());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("instructions");
      for (Instruction i : file.instructions()) {
        instruction(i);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("globalArgs");
      for (var a : model.globalArgs()) {
        g.writeStartObject();
        g.writeStringField("name", a.name());
        g.writeStringField("default", a.defaultValue());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("stages");
      for (Stage s : model.stages()) {
        stage(s);
      }
      g.writeEndArray();
      g.writeEndObject();
    }

    void span(Span s) throws IOException {
      g.writeNumberField("line", s.startLine());
      g.writeNumberField("column", s.startColumn());
      g.writeNumberField("endLine", s.endLine());
      g.writeNumberField("endColumn", s.endColumn());
    }

    void instruction(Instruction i) throws IOException {
      g.writeStartObject();
      g.writeStringField("keyword", i.keyword());
      span(i.span());
      if (!i.flags().isEmpty()) {
        g.writeArrayFieldStart("flags");
        for (Flag f : i.flags()) {
          g.writeStartObject();
          g.writeStringField("name", f.name());
          g.writeStringField("value", f.value());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeBooleanField("json", i.json());
      strings("args", i.args());
      if (!i.heredocs().isEmpty()) {
        g.writeArrayFieldStart("heredocs");
        for (Heredoc h : i.heredocs()) {
          g.writeStartObject();
          g.writeStringField("name", h.name());
          g.writeBooleanField("expand", h.expand());
          g.writeBooleanField("chomp", h.chomp());
          if (h.fileDescriptor() != 0) {
            g.writeNumberField("fd", h.fileDescriptor());
          }
          g.writeStringField("content", h.content());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      if (i.child() != null) {
        g.writeFieldName("child");
        instruction(i.child());
      }
      g.writeEndObject();
    }

    void strings(String field, List<String> values) throws IOException {
      g.writeArrayFieldStart(field);
      for (String v : values) {
        g.writeString(v);
      }
      g.writeEndArray();
    }

    void map(String field, Map<String, String> m) throws IOException {
      g.writeObjectFieldStart(field);
      for (var e : new TreeMap<>(m).entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }

    void stage(Stage s) throws IOException {
      g.writeStartObject();
      g.writeNumberField("index", s.index());
      g.writeStringField("name", s.name());
      g.writeNumberField("line", s.from().instruction().startLine());
      if (s.from().platform() != null) {
        g.writeStringField("platform", s.from().platform());
      }
      g.writeObjectFieldStart("base");
      switch (s.base()) {
        case BaseImage.Image img -> {
          g.writeStringField("kind", "image");
          reference(img.reference());
        }
        case BaseImage.Stage st -> {
          g.writeStringField("kind", "stage");
          g.writeNumberField("stage", st.index());
        }
        case BaseImage.Scratch sc -> g.writeStringField("kind", "scratch");
        case BaseImage.Unresolved u -> {
          g.writeStringField("kind", "unresolved");
          g.writeStringField("text", u.text());
          g.writeStringField("reason", u.reason());
        }
      }
      g.writeEndObject();
      g.writeStringField("user", s.finalState().user());
      g.writeStringField("workdir", s.finalState().workdir());
      map("env", s.finalState().env());
      g.writeArrayFieldStart("exposedPorts");
      for (PortSpec p : s.exposedPorts()) {
        g.writeString(p.start() == p.end() ? p.start() + "/" + p.protocol() : p.start() + "-" + p.end() + "/" + p.protocol());
      }
      g.writeEndArray();
      commandLine("entrypoint", s.entrypoint());
      commandLine("cmd", s.cmd());
      if (s.healthcheck() != null) {
        g.writeObjectFieldStart("healthcheck");
        g.writeBooleanField("none", s.healthcheck().none());
        commandLine("test", s.healthcheck().test());
        g.writeStringField("interval", s.healthcheck().interval());
        g.writeEndObject();
      }
      g.writeArrayFieldStart("copyFrom");
      for (CopyEdge e : s.copyFrom()) {
        g.writeStartObject();
        g.writeStringField("from", e.from());
        g.writeNumberField("stage", e.stageIndex());
        g.writeNumberField("line", e.copy().instruction().startLine());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("steps");
      for (Step step : s.steps()) {
        step(step);
      }
      g.writeEndArray();
      g.writeEndObject();
    }

    void reference(ImageReference r) throws IOException {
      g.writeStringField("normalized", r.normalized());
      g.writeStringField("registry", r.registry());
      g.writeStringField("repository", r.repository());
      g.writeStringField("tag", r.tag());
      g.writeStringField("digest", r.digest());
    }

    void commandLine(String field, CommandLine c) throws IOException {
      if (c == null) {
        return;
      }
      g.writeObjectFieldStart(field);
      switch (c) {
        case CommandLine.Exec e -> strings("exec", e.argv());
        case CommandLine.Shell s -> g.writeStringField("shell", s.script());
      }
      g.writeEndObject();
    }

    void step(Step step) throws IOException {
      Command c = step.command();
      g.writeStartObject();
      g.writeNumberField("line", c.instruction().startLine());
      g.writeStringField("command", c.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
      g.writeStringField("user", step.state().user());
      g.writeStringField("workdir", step.state().workdir());
      switch (c) {
        case Command.Run r -> {
          if (!r.mounts().isEmpty()) {
            g.writeArrayFieldStart("mounts");
            for (Mount m : r.mounts()) {
              g.writeStartObject();
              g.writeStringField("type", m.type());
              g.writeStringField("target", m.target());
              if (m.id() != null) {
                g.writeStringField("id", m.id());
              }
              g.writeEndObject();
            }
            g.writeEndArray();
          }
          if (r.network() != null) {
            g.writeStringField("network", r.network());
          }
          if (r.security() != null) {
            g.writeStringField("security", r.security());
          }
          commandLine("run", r.command());
          if (r.command() instanceof CommandLine.Shell sh) {
            shell(sh.script());
          }
        }
        case Command.Copy cp -> {
          strings("sources", cp.sources());
          g.writeStringField("destination", cp.destination());
          if (cp.from() != null) {
            g.writeStringField("from", cp.from());
          }
          if (cp.chown() != null) {
            g.writeStringField("chown", cp.chown());
          }
        }
        case Command.Add add -> {
          strings("sources", add.sources());
          g.writeStringField("destination", add.destination());
          if (add.checksum() != null) {
            g.writeStringField("checksum", add.checksum());
          }
        }
        case Command.Env env -> {
          g.writeObjectFieldStart("set");
          for (var kv : env.pairs()) {
            g.writeStringField(kv.key(), kv.value());
          }
          g.writeEndObject();
        }
        case Command.Arg arg -> {
          g.writeObjectFieldStart("declare");
          for (var a : arg.args()) {
            g.writeStringField(a.name(), a.defaultValue());
          }
          g.writeEndObject();
        }
        case Command.User u -> g.writeStringField("set", u.user());
        case Command.Workdir w -> g.writeStringField("set", w.path());
        default -> {}
      }
      g.writeEndObject();
    }

    void shell(String script) throws IOException {
      ShellParseResult parsed = ShellParser.parse(script);
      g.writeObjectFieldStart("shell");
      if (!parsed.ok()) {
        g.writeStringField("error", parsed.error().getMessage());
      }
      ShellFacts facts = ShellFacts.of(parsed.script());
      g.writeArrayFieldStart("commands");
      for (Invocation inv : facts.invocations()) {
        g.writeStartArray();
        g.writeString(inv.name());
        for (String a : inv.args()) {
          g.writeString(a);
        }
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("facts");
      for (ShellFact f : facts.facts()) {
        fact(f);
      }
      g.writeEndArray();
      g.writeEndObject();
    }

    void fact(ShellFact f) throws IOException {
      g.writeStartObject();
      switch (f) {
        case ShellFact.PackageOperation p -> {
          g.writeStringField("kind", "package");
          g.writeStringField("manager", p.manager().command());
          g.writeStringField("action", p.action());
          g.writeArrayFieldStart("packages");
          for (ShellFact.PackageSpec s : p.packages()) {
            g.writeStartObject();
            g.writeStringField("name", s.name());
            g.writeStringField("version", s.version());
            if (s.local()) {
              g.writeBooleanField("local", true);
            }
            g.writeEndObject();
          }
          g.writeEndArray();
          strings("options", p.options());
        }
        case ShellFact.Download d -> {
          g.writeStringField("kind", "download");
          g.writeStringField("tool", d.invocation().name());
          strings("urls", d.urls());
          g.writeBooleanField("insecure", d.insecure());
          g.writeStringField("pipedInto", d.pipedInto());
          if (d.capturedInto() != null) {
            g.writeStringField("capturedInto", d.capturedInto()); // only when set: earlier dumps stay as they were
          }
        }
        case ShellFact.UserCreation u -> {
          g.writeStringField("kind", u.group() ? "group" : "user");
          g.writeStringField("tool", u.invocation().name());
          g.writeStringField("name", u.name());
          g.writeStringField("id", u.id());
          g.writeBooleanField("system", u.system());
          g.writeBooleanField("noLogInit", u.noLogInit());
        }
        case ShellFact.PermissionChange pc -> {
          g.writeStringField("kind", pc.invocation().name());
          g.writeStringField("mode", pc.mode());
          strings("paths", pc.paths());
          g.writeBooleanField("recursive", pc.recursive());
        }
        case ShellFact.Sudo s -> {
          g.writeStringField("kind", "sudo");
          g.writeStringField("command", s.invocation().name());
        }
        case ShellFact.Compile c -> {
          g.writeStringField("kind", "compile");
          g.writeStringField("tool", c.tool());
          strings("args", c.args());
          map("env", c.env());
        }
      }
      g.writeEndObject();
    }
  }
}
