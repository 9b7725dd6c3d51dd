package dev.bulwark.guide;

import dev.bulwark.core.catalog.BaseImage;
import dev.bulwark.harden.HardenResult;
import dev.bulwark.harden.Variant;
import dev.bulwark.report.FileReport;
import dev.bulwark.report.ScanReport;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the guide is written from, gathered by the caller (the CLI does the reading, scanning
 * and hardening; this module only assembles and renders). Paths are as a reader types them in the
 * project's directory, where every command the guide shows runs.
 *
 * @param project the project's name (its directory's)
 * @param dockerfile the Dockerfile's path ({@code Dockerfile})
 * @param variantsDir where the hardened variants are ({@code hardened})
 * @param projectScan {@code bulwark scan} of the project (the variants' directory left out)
 * @param dockerfileScan the Dockerfile alone, as {@code bulwark scan Dockerfile} reports it
 * @param original facts of the original's runtime stage
 * @param variants one per hardening variant: the Dockerfile written, or the refusal
 * @param runtime the runtime settings generated for the recommended variant (or the original when none was written)
 * @param images built images scanned, by label ({@code original}, {@code distroless} …)
 * @param asOf the day EOL dates are judged on
 * @param ruleDocs the base the rule pages are linked from ({@code ../../docs/rules/}), or null to show {@code bulwark explain ID}
 */
public record GuideInput(String project, String dockerfile, String variantsDir, ScanReport projectScan, FileReport dockerfileScan,
    Runtime original, List<VariantOutcome> variants, RuntimeSnippets runtime, Map<String, ImageFacts> images, LocalDate asOf, String ruleDocs) {

  public GuideInput {
    variants = List.copyOf(variants);
    images = Map.copyOf(images);
  }

  /**
   * What a Dockerfile's runtime (final) stage is: the base as written (through stage chains), its
   * catalog entry (null when unknown or scratch), whether it is scratch, whether the final stage is a
   * separate runtime stage (its own base, copying from a build stage), the user it runs as (null:
   * the base's default), whether a HEALTHCHECK is set, whether a .dockerignore guards the context,
   * whether the start command is in exec form, and the line of the FROM that names the base.
   */
  public record Runtime(String base, BaseImage catalog, boolean scratch, boolean multiStage, String user, boolean healthcheck,
      boolean dockerignore, boolean execForm, int fromLine) {}

  /** A variant: its file, what harden gave, its own scan (null when refused) and its runtime stage. */
  public record VariantOutcome(Variant variant, String file, HardenResult result, FileReport scan, Runtime runtime) {
    public boolean written() {
      return result instanceof HardenResult.Hardened;
    }
  }

  /** The variant the guide recommends: distroless when it was written, else the first written one; empty when all were refused. */
  public static java.util.Optional<VariantOutcome> recommended(List<VariantOutcome> outcomes) {
    return outcomes.stream().filter(VariantOutcome::written).filter(v -> v.variant() == Variant.DISTROLESS).findFirst()
        .or(() -> outcomes.stream().filter(VariantOutcome::written).findFirst());
  }

  /** The generated runtime settings: a docker run line, a Compose file and Kubernetes manifests, and the image tag they run. */
  public record RuntimeSnippets(String image, String dockerRun, String compose, String kubernetes) {}

  /**
   * A built image, read and scanned: the reference as given, the user of its config, its size
   * (the unpacked layers' sum, as {@code docker images} shows), what of its attack surface was seen in its files, and its
   * vulnerabilities when a database was used (empty otherwise).
   */
  public record ImageFacts(String reference, String user, long sizeBytes, List<String> shells, List<String> packageManagers, int executables,
      Optional<GradeFacts.ImageVulns> vulns, Optional<GradeFacts.ImageVulns> baseVulns) {
    public ImageFacts {
      shells = List.copyOf(shells);
      packageManagers = List.copyOf(packageManagers);
    }
  }
}
