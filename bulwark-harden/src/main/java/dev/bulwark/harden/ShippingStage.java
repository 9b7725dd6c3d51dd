package dev.bulwark.harden;

import dev.bulwark.dockerfile.model.BaseImage;
import dev.bulwark.dockerfile.model.BuildModel;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.dockerfile.model.CommandLine;
import dev.bulwark.dockerfile.model.DevelopmentStages;
import dev.bulwark.dockerfile.model.Stage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The stage harden hardens: the one that ships. That is the final stage, unless it is a stage to
 * develop in ({@code FROM builder AS dev-envs}, or one that starts a dev server); then it is the last
 * earlier stage that is not one, starts something, and that no later such stage builds on (the app
 * stage the dev stage was made from, or a production stage written before it). The stages after it
 * stay as written, so {@code --target dev-envs} still builds them; when every candidate is a dev
 * stage, nothing is hardened and {@link #refusal} says why.
 *
 * @param stage the stage to harden, null when refused
 * @param why why it is not the final stage (null when it is)
 * @param refusal why no stage can be hardened (null when one can)
 */
record ShippingStage(Stage stage, String why, String refusal) {

  static ShippingStage of(BuildModel model) {
    List<Stage> stages = model.stages();
    Stage last = stages.getLast();
    String lastDev = devReason(last);
    if (lastDev == null) {
      return new ShippingStage(last, null, null);
    }
    List<String> passed = new ArrayList<>();
    // a stage that is a dev stage by its name only and starts the app with a command that is no dev server (awesome-compose's
    // `FROM node AS development … CMD ["node", "src/index.js"]`, NODE_ENV=production by default): what ships, when nothing else does
    Stage namedOnly = namedOnly(model, last) ? last : null;
    for (int i = stages.size() - 2; i >= 0; i--) {
      Stage s = stages.get(i);
      String dev = devReason(s);
      if (dev != null) {
        passed.add("'" + s.displayName() + "' (" + dev + ")");
        if (namedOnly == null && namedOnly(model, s)) {
          namedOnly = s;
        }
      } else if (startsSomething(s) && !builtOnLater(model, s)) {
        return new ShippingStage(s, "the final stage '" + last.displayName() + "' is a development stage (" + lastDev + "), so the stage"
            + " that ships is '" + s.displayName() + "', the last one that is not and that starts the app; '" + last.displayName()
            + "' is kept as written for --target " + last.displayName(), null);
      }
    }
    if (namedOnly != null) {
      return new ShippingStage(namedOnly, "no stage is free of development markers; '" + namedOnly.displayName() + "' is one by its name only"
          + " and starts the app with a command that is no dev server, so it is the stage that ships"
          + (namedOnly == last ? "" : "; '" + last.displayName() + "' is kept as written for --target " + last.displayName()), null);
    }
    String which = stages.size() == 1 ? "the only stage" : "the final stage '" + last.displayName() + "'";
    return new ShippingStage(null, null, which + " is a development stage (" + lastDev + ")"
        + (passed.isEmpty() ? "" : ", as is " + String.join(", and ", passed))
        + ": no stage starts the app for production, so harden leaves it; add a final stage that starts the app the way it ships");
  }

  /** Why {@code s} is a stage to develop in, or null. */
  static String devReason(Stage s) {
    if (DevelopmentStages.isDevelopmentName(s.name())) {
      return "named " + s.name();
    }
    String server = DevelopmentStages.devServer(startWords(s));
    return server == null ? null : "it runs the dev server `" + server + "`";
  }

  /**
   * A dev stage by its name alone: it writes its own start command (not one inherited from the stage it is built on), that
   * command is no dev server, and no later non-dev stage builds on it.
   */
  private static boolean namedOnly(BuildModel model, Stage s) {
    boolean ownStart = !s.commands(Command.Cmd.class).isEmpty() || !s.commands(Command.Entrypoint.class).isEmpty();
    return DevelopmentStages.isDevelopmentName(s.name()) && ownStart && DevelopmentStages.devServer(startWords(s)) == null
        && !builtOnLater(model, s);
  }

  private static boolean startsSomething(Stage s) {
    return s.entrypoint() != null || s.cmd() != null;
  }

  /** True when a later stage that is not a dev stage builds FROM {@code s} or copies from it: {@code s} is part of its build. */
  private static boolean builtOnLater(BuildModel model, Stage s) {
    for (Stage later : model.stages().subList(s.index() + 1, model.stages().size())) {
      if (devReason(later) != null) {
        continue;
      }
      if (later.base() instanceof BaseImage.Stage p && p.index() == s.index()) {
        return true;
      }
      for (Command.Copy c : later.commands(Command.Copy.class)) {
        if (c.from() != null && model.stage(c.from()).filter(f -> f.index() == s.index()).isPresent()) {
          return true;
        }
      }
    }
    return false;
  }

  /** ENTRYPOINT then CMD as words (a shell form split at blanks: enough to recognise a dev server). */
  private static List<String> startWords(Stage s) {
    List<String> out = new ArrayList<>(words(s.entrypoint()));
    if (!(s.entrypoint() instanceof CommandLine.Shell)) {
      out.addAll(words(s.cmd()));
    }
    return out;
  }

  private static List<String> words(CommandLine line) {
    if (line instanceof CommandLine.Exec e) {
      return e.argv();
    }
    if (line instanceof CommandLine.Shell sh && !sh.script().isBlank()) {
      return Arrays.asList(sh.script().strip().split("\\s+"));
    }
    return List.of();
  }
}
