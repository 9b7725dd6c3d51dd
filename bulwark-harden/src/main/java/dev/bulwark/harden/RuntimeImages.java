package dev.bulwark.harden;

/**
 * The runtime (and, for interpreted languages, builder) images each variant uses: one small table,
 * to be reconciled with core's base-image catalog. Versions are the current supported ones as of
 * 2026-11 (distroless Debian 13; Alpine 3.24, EOL 2028-06; Python 3.13 is what distroless ships).
 */
final class RuntimeImages {
  static final String ALPINE = "alpine:3.24";
  static final String ALPINE_SUFFIX = "alpine3.24";
  /** Where scratch gets /etc/passwd, /etc/group and the CA bundle. */
  static final String STATIC_FILES = "gcr.io/distroless/static-debian13:nonroot";
  static final String DISTROLESS_PYTHON = "3.13";
  static final int DISTROLESS_UID = 65532;
  static final int ALPINE_UID = 10001;
  static final String DOTNET_CURRENT = "10.0";

  private RuntimeImages() {}

  /** How the native binary links: no libc, glibc, glibc and libstdc++/libgcc. */
  enum Linkage {
    STATIC, LIBC, CXX
  }

  static String distrolessNative(Linkage l) {
    return switch (l) {
      case STATIC -> "gcr.io/distroless/static-debian13:nonroot";
      case LIBC -> "gcr.io/distroless/base-debian13:nonroot";
      case CXX -> "gcr.io/distroless/cc-debian13:nonroot";
    };
  }

  static String chainguardNative(Linkage l) {
    return l == Linkage.STATIC ? "cgr.dev/chainguard/static:latest" : "cgr.dev/chainguard/glibc-dynamic:latest";
  }

  static String distrolessJava(int major) {
    return "gcr.io/distroless/java" + (major > 21 ? 25 : 21) + "-debian13:nonroot";
  }

  static int javaRuntimeMajor(int major) {
    return major > 21 ? 25 : 21;
  }

  static String distrolessNode(int major) {
    return "gcr.io/distroless/nodejs" + major + "-debian13:nonroot";
  }

  /** The supported Node major closest above the app's (distroless ships 22 and 24). */
  static int nodeMajor(int original) {
    return original > 22 ? 24 : 22;
  }

  static final String DISTROLESS_PYTHON_IMAGE = "gcr.io/distroless/python3-debian13:nonroot";
  static final String CHAINGUARD_PYTHON = "cgr.dev/chainguard/python:latest";
  static final String CHAINGUARD_PYTHON_DEV = "cgr.dev/chainguard/python:latest-dev";
  static final String CHAINGUARD_NODE = "cgr.dev/chainguard/node:latest";
  static final String CHAINGUARD_NODE_DEV = "cgr.dev/chainguard/node:latest-dev";
  static final String CHAINGUARD_JRE = "cgr.dev/chainguard/jre:latest";
  static final String CHAINGUARD_ASPNET = "cgr.dev/chainguard/aspnet-runtime:latest";

  /** Microsoft's chiseled Ubuntu images are .NET's distroless: no shell or package manager, user app (1654). */
  static String distrolessDotnet(boolean aspnet) {
    return "mcr.microsoft.com/dotnet/" + (aspnet ? "aspnet" : "runtime") + ":" + DOTNET_CURRENT + "-noble-chiseled";
  }

  static String alpineDotnet(boolean aspnet) {
    return "mcr.microsoft.com/dotnet/" + (aspnet ? "aspnet" : "runtime") + ":" + DOTNET_CURRENT + "-" + ALPINE_SUFFIX;
  }

  /** Python versions with an official Alpine 3.24 image that are supported. */
  static String alpinePython(String original) {
    return switch (original == null ? "" : original) {
      case "3.11", "3.12", "3.13", "3.14" -> original;
      default -> DISTROLESS_PYTHON;
    };
  }

  /** The pinned tag for a builder base written as {@code :latest} or untagged, by repository. */
  static String pinnedTag(String repository) {
    return switch (repository) {
      case "library/alpine" -> "3.24";
      case "library/golang" -> "1.27";
      case "library/python" -> "3.13";
      case "library/node" -> "24";
      case "library/rust" -> "1";
      case "library/debian" -> "trixie-slim";
      case "library/ubuntu" -> "24.04";
      case "library/maven" -> "3.9-eclipse-temurin-21";
      case "library/eclipse-temurin" -> "21-jdk";
      case "library/gradle" -> "8-jdk21";
      case "library/gcc" -> "14";
      default -> null;
    };
  }
}
