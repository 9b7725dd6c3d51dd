package dev.bulwark.dockerfile.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What marks a build stage as one to develop in rather than to ship: its name ({@code dev},
 * {@code dev-envs}: a target to work in) or a start command that runs a development server
 * ({@code npm run dev}, {@code ng serve}: reloading, unminified, not made for production traffic).
 * Shared by the purpose inference and {@code harden}, which must pick the stage that ships.
 */
public final class DevelopmentStages {
  private DevelopmentStages() {}

  /** Stage names that say the target is a development environment. */
  private static final Set<String> NAMES = Set.of("dev", "develop", "development", "dev-envs", "devcontainer", "debug");
  /** package.json script names that start a development server or a watcher. */
  private static final Set<String> DEV_SCRIPTS = Set.of("dev", "develop", "serve", "watch", "start:dev", "start-dev", "dev:server");
  private static final Set<String> PACKAGE_MANAGERS = Set.of("npm", "yarn", "pnpm", "bun");
  /** Programs that are development servers whatever their arguments. */
  private static final Set<String> DEV_PROGRAMS = Set.of("nodemon", "webpack-dev-server", "ts-node-dev", "air");
  /** Programs whose subcommand starts a development server: {@code ng serve}, {@code next dev}. */
  private static final List<List<String>> DEV_SUBCOMMANDS = List.of(List.of("ng", "serve"), List.of("next", "dev"), List.of("nuxt", "dev"),
      List.of("nuxi", "dev"), List.of("vite", "dev"), List.of("vite", "serve"), List.of("vue-cli-service", "serve"),
      List.of("webpack", "serve"), List.of("react-scripts", "start"), List.of("dotnet", "watch"), List.of("cargo", "watch"),
      // Django's and Flask's own servers, which their documentation says not to deploy; Laravel's artisan serve
      List.of("manage.py", "runserver"), List.of("django-admin", "runserver"), List.of("flask", "run"), List.of("artisan", "serve"));
  /** Interpreters that run the program named next ({@code python manage.py runserver}, {@code php artisan serve}). */
  private static final Set<String> INTERPRETERS = Set.of("python", "python3", "php");
  /** Servers that are production servers unless started with {@code --reload}. */
  private static final Set<String> RELOADING = Set.of("uvicorn", "gunicorn", "flask", "hypercorn");

  /** True for a stage named for development work: dev, develop, development, dev-envs, devcontainer, debug. */
  public static boolean isDevelopmentName(String stageName) {
    return stageName != null && NAMES.contains(stageName.toLowerCase(Locale.ROOT));
  }

  /**
   * The development server {@code argv} (ENTRYPOINT then CMD, as exec words) starts, as the words
   * that say so ({@code npm run dev}), or null when it starts none that Bulwark knows.
   */
  public static String devServer(List<String> argv) {
    List<String> a = argv;
    if (!a.isEmpty() && (a.getFirst().equals("npx") || a.getFirst().equals("exec"))) {
      a = a.subList(1, a.size());
    }
    if (a.isEmpty()) {
      return null;
    }
    String prog = programName(a.getFirst());
    if (INTERPRETERS.contains(prog)) {
      int script = 1;
      while (script < a.size() && a.get(script).startsWith("-") && !a.get(script).equals("-m")) {
        script++; // python -u manage.py runserver
      }
      if (script < a.size() && a.get(script).equals("-m")) {
        script++; // python -m flask run
      }
      if (script < a.size()) {
        a = a.subList(script, a.size());
        prog = programName(a.getFirst());
      }
    }
    if (PACKAGE_MANAGERS.contains(prog)) {
      int script = a.size() > 1 && a.get(1).equals("run") ? 2 : 1;
      return a.size() > script && DEV_SCRIPTS.contains(a.get(script)) ? prog + " " + String.join(" ", a.subList(1, script + 1)) : null;
    }
    if (DEV_PROGRAMS.contains(prog)) {
      return prog;
    }
    if (prog.equals("vite") && a.size() == 1) {
      return prog; // bare vite is its dev server; vite build and vite preview are not
    }
    for (List<String> sub : DEV_SUBCOMMANDS) {
      if (prog.equals(sub.get(0)) && a.size() > 1 && a.get(1).equals(sub.get(1))) {
        return prog + " " + sub.get(1);
      }
    }
    if (RELOADING.contains(prog) && a.contains("--reload")) {
      return prog + " --reload";
    }
    return null;
  }

  /** A program word without its directory ({@code /usr/local/bin/npm}: npm). */
  private static String programName(String word) {
    return word.substring(word.lastIndexOf('/') + 1);
  }
}
