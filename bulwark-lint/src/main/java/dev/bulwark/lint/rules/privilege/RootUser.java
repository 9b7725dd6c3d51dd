package dev.bulwark.lint.rules.privilege;

import dev.bulwark.core.Category;
import dev.bulwark.dockerfile.model.BaseImage;
import dev.bulwark.dockerfile.model.Command;
import dev.bulwark.core.ref.ImageReference;
import dev.bulwark.dockerfile.model.Stage;
import dev.bulwark.lint.DockerfileRule;
import dev.bulwark.lint.DockerfileTarget;
import dev.bulwark.lint.Users;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Severity;
import java.util.List;
import java.util.function.Consumer;

/**
 * The final stage runs as root: no USER (and a base image that does not set a non-root user),
 * or a last USER of root / 0. CIS Docker Benchmark 4.1: create a user for the container.
 */
public final class RootUser extends DockerfileRule {
  public RootUser() {
    super(
        "BW-D001",
        "Container runs as root",
        Severity.CRITICAL,
        Category.PRIVILEGE,
        "A process running as root inside the container is root on the host's kernel: any code-execution bug becomes a"
            + " full container compromise, and one kernel or runtime escape away from the host. Files it can write include"
            + " every binary in the image.",
        "Create an unprivileged user with a fixed UID (e.g. `RUN addgroup -S -g 10001 app && adduser -S -u 10001 -G app app`)"
            + " and end the final stage with `USER 10001:10001`, or use a base image that runs as non-root"
            + " (`gcr.io/distroless/static-debian12:nonroot`).",
        List.of("DL3002", "DS002", "CIS-DI-0001"),
        "https://docs.docker.com/build/building/best-practices/#user");
  }

  @Override
  public void check(DockerfileTarget target, Consumer<Finding> report) {
    Stage last = target.model().finalStage().orElse(null);
    if (last == null) {
      return;
    }
    List<Command.User> users = last.commands(Command.User.class);
    String user = last.finalState().user();
    if (user == null) {
      if (!baseRunsAsNonRoot(last.base())) {
        report.accept(finding("No USER in the final stage: the container runs as root", last.from().instruction().span(), last));
      }
      return;
    }
    Command.User at = users.isEmpty() ? null : users.getLast();
    if (user.isEmpty() && at != null && at.instruction().args().stream().noneMatch(a -> a.contains("$"))) {
      // USER "" (or a bare USER) sets the config's User to empty, which the runtime reads as root
      report.accept(finding("USER is empty, which resets the user to root: the container runs as root", at.instruction().span(), last));
      return;
    }
    if (Users.isRoot(user)) {
      report.accept(finding("USER " + user + " is the last user of the final stage: the container runs as root",
          at != null ? at.instruction().span() : last.from().instruction().span(), last));
    }
  }

  /** Base images documented to default to a non-root user. */
  private static boolean baseRunsAsNonRoot(BaseImage base) {
    if (!(base instanceof BaseImage.Image image)) {
      return false;
    }
    ImageReference ref = image.reference();
    String tag = ref.tag() == null ? "" : ref.tag();
    if (tag.contains("nonroot")) {
      return true;
    }
    // Chainguard images run as uid 65532 except their -dev variants.
    return ref.registry().equals("cgr.dev") && !tag.endsWith("-dev") && !tag.equals("latest-dev");
  }
}
