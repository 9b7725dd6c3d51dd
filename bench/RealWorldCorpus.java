import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a benchmark corpus shaped like real Dockerfiles into ONE directory (run with the JDK's
 * source launcher: {@code java bench/RealWorldCorpus.java DIR [N] [SEED]}). Deterministic for a
 * seed. The shape follows what real projects look like (official images, popular projects):
 * lengths 5–500 lines with a mean near 55 and p90 near 120, 20% multi-stage, 5% copying the whole
 * context (which is then that shared directory, with a .dockerignore), 3% heredocs, 5% Windows files
 * (escape=` and PowerShell), package installs with continuation lines, curl|tar downloads, ENV/ARG
 * blocks, LABELs, COPY/ADD, USER, HEALTHCHECK. Every text is generated here; nothing is copied.
 */
public final class RealWorldCorpus {
  private static final String[] DEBIAN = {"debian:bookworm-slim", "debian:bullseye", "ubuntu:22.04", "ubuntu:24.04", "ubuntu:20.04",
      "python:3.12-slim", "node:20-bookworm", "openjdk:17-jdk-slim", "ruby:3.3", "php:8.3-apache", "buildpack-deps:bookworm-curl"};
  private static final String[] ALPINE = {"alpine:3.20", "alpine:3.19", "alpine", "node:20-alpine", "python:3.12-alpine", "nginx:1.27-alpine",
      "golang:1.22-alpine"};
  private static final String[] RHEL = {"centos:7", "rockylinux:9", "fedora:40", "registry.access.redhat.com/ubi9/ubi", "amazonlinux:2023",
      "almalinux:8"};
  private static final String[] BUILDERS = {"golang:1.22", "maven:3.9-eclipse-temurin-21", "node:20", "rust:1.79", "gradle:8-jdk17",
      "mcr.microsoft.com/dotnet/sdk:8.0", "python:3.12"};
  private static final String[] FINALS = {"gcr.io/distroless/static-debian12", "alpine:3.20", "debian:bookworm-slim", "scratch",
      "eclipse-temurin:21-jre", "nginx:stable", "mcr.microsoft.com/dotnet/aspnet:8.0", "gcr.io/distroless/java17"};
  private static final String[] APT_PKGS = {"ca-certificates", "curl", "wget", "git", "gnupg", "dirmngr", "build-essential", "gcc", "make",
      "libssl-dev", "zlib1g-dev", "libffi-dev", "python3", "python3-pip", "unzip", "xz-utils", "netbase", "tzdata", "locales", "procps",
      "openssh-client", "libpq-dev", "libxml2-dev", "pkg-config", "autoconf", "automake", "libtool", "bzip2", "file", "jq", "less",
      "vim", "sudo", "gosu", "tini", "libjpeg-dev", "libpng-dev", "libzip-dev", "default-libmysqlclient-dev", "g++"};
  private static final String[] APK_PKGS = {"ca-certificates", "curl", "bash", "git", "openssl", "tzdata", "su-exec", "tini", "gcc",
      "musl-dev", "make", "libffi-dev", "openssl-dev", "python3", "py3-pip", "nodejs", "npm", "jq", "coreutils", "shadow", "libc6-compat"};
  private static final String[] YUM_PKGS = {"gcc", "make", "openssl-devel", "git", "wget", "tar", "gzip", "which", "procps-ng",
      "python3", "java-17-openjdk", "shadow-utils", "hostname", "unzip", "findutils"};
  private static final String[] WORDS = {"app", "server", "worker", "api", "web", "agent", "proxy", "gateway", "exporter", "runner", "db",
      "cache", "queue", "auth", "search", "media", "billing", "notify"};

  private final Random rnd;
  private final List<String> out = new ArrayList<>();

  private RealWorldCorpus(long seed) {
    this.rnd = new Random(seed);
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 3200;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
    Files.createDirectories(dir);
    Random seeds = new Random(seed); // one seed per file drawn from the master (adjacent seeds correlate)
    Random names = new Random(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < n; i++) {
      String text = new RealWorldCorpus(seeds.nextLong()).file();
      String name = String.format("%04d-%s-%s.Dockerfile", i, pick(names, WORDS), pick(names, WORDS));
      Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
    // The shared context that the whole-context COPYs send: an ignore file and a few project files.
    Files.writeString(dir.resolve(".dockerignore"), "**/*.md\n.git\nnode_modules\n*.log\n!important.log\ntmp/\n");
    Files.writeString(dir.resolve("package.json"), "{\"name\": \"bench\", \"version\": \"1.0.0\"}\n");
    Files.writeString(dir.resolve("requirements.txt"), "flask==3.0.0\nrequests==2.32.0\n");
    Files.writeString(dir.resolve(".env.example"), "API_URL=http://localhost\n");
    Files.writeString(dir.resolve("README.md"), "benchmark corpus\n");
  }

  private static String pick(Random r, String[] a) {
    return a[r.nextInt(a.length)];
  }

  private String pick(String[] a) {
    return a[rnd.nextInt(a.length)];
  }

  private boolean chance(double p) {
    return rnd.nextDouble() < p;
  }

  /** Lines wanted: log-normal (median 38, mean ~55, p90 ~115), kept within 5–500. */
  private int targetLines() {
    double v = Math.exp(Math.log(38) + 0.85 * rnd.nextGaussian());
    return (int) Math.max(5, Math.min(490, Math.round(v)));
  }

  private void emit(String line) {
    out.add(line);
  }

  private String file() {
    int target = targetLines();
    if (chance(0.05)) {
      windows(target);
    } else {
      linux(target);
    }
    while (out.size() < 5) {
      out.add(0, "# generated for the benchmark");
    }
    return String.join("\n", out) + "\n";
  }

  private void linux(int target) {
    if (chance(0.12)) {
      emit("# syntax=docker/dockerfile:1");
    }
    if (chance(0.3)) {
      emit("# " + pick(WORDS) + " image for the " + pick(WORDS) + " service");
      emit("");
    }
    boolean wholeContext = chance(0.05);
    boolean heredoc = chance(0.03);
    if (chance(0.15)) {
      emit("ARG BASE_VERSION=" + (1 + rnd.nextInt(20)) + "." + rnd.nextInt(10));
    }
    if (chance(0.2)) {
      int stages = chance(0.8) ? 2 : 3;
      for (int s = 0; s < stages - 1; s++) {
        emit("FROM " + pick(BUILDERS) + " AS build" + (s == 0 ? "" : String.valueOf(s)));
        stageBody(target / stages, false, wholeContext && s == 0, heredoc && s == 0, "apt");
        emit("");
      }
      String fin = pick(FINALS);
      emit("FROM " + fin);
      if (!fin.equals("scratch") && !fin.startsWith("gcr.io")) {
        stageBody(target / stages / 2, true, false, false, fin.contains("alpine") ? "apk" : "apt");
      }
      emit("COPY --from=build /out/" + pick(WORDS) + " /usr/local/bin/" + pick(WORDS));
      finish();
    } else {
      String family = rnd.nextInt(10) < 6 ? "apt" : rnd.nextInt(3) < 2 ? "apk" : "yum";
      String base = family.equals("apt") ? pick(DEBIAN) : family.equals("apk") ? pick(ALPINE) : pick(RHEL);
      emit("FROM " + base);
      stageBody(target - 4, true, wholeContext, heredoc, family);
      finish();
    }
  }

  private void stageBody(int budget, boolean last, boolean wholeContext, boolean heredoc, String family) {
    int start = out.size();
    if (chance(0.4)) {
      label();
    }
    boolean copiedContext = false;
    while (out.size() - start < budget) {
      int k = rnd.nextInt(100);
      if (k < 28) {
        install(family);
      } else if (k < 40) {
        env();
      } else if (k < 47) {
        download();
      } else if (k < 52) {
        emit("ARG " + pick(WORDS).toUpperCase() + "_VERSION=" + rnd.nextInt(10) + "." + rnd.nextInt(30) + "." + rnd.nextInt(9));
      } else if (k < 62) {
        copy();
      } else if (k < 66) {
        emit("WORKDIR /" + (chance(0.5) ? "usr/src/" : "opt/") + pick(WORDS));
      } else if (k < 74) {
        script();
      } else if (k < 79) {
        comment();
      } else if (k < 82) {
        emit("");
      } else if (k < 85 && wholeContext && !copiedContext) {
        emit(chance(0.5) ? "COPY . ." : "COPY . /usr/src/app");
        copiedContext = true;
      } else if (k < 88 && heredoc) {
        heredocRun();
        heredoc = false;
      } else if (k < 91) {
        emit("EXPOSE " + (chance(0.5) ? "8080" : String.valueOf(1000 + rnd.nextInt(9000))));
      } else if (k < 94) {
        users();
      } else if (k < 96) {
        emit("VOLUME [\"/var/lib/" + pick(WORDS) + "\"]");
      } else {
        language();
      }
    }
    if (wholeContext && !copiedContext) {
      emit("COPY . .");
    }
    if (heredoc) {
      heredocRun();
    }
  }

  private void label() {
    emit("LABEL org.opencontainers.image.title=\"" + pick(WORDS) + "\" \\");
    emit("      org.opencontainers.image.source=\"https://github.com/example/" + pick(WORDS) + "\" \\");
    if (chance(0.5)) {
      emit("      org.opencontainers.image.licenses=\"Apache-2.0\" \\");
    }
    emit("      maintainer=\"team-" + pick(WORDS) + "@example.com\"");
  }

  private void install(String family) {
    int n = 2 + rnd.nextInt(chance(0.3) ? 25 : 8);
    switch (family) {
      case "apk" -> {
        boolean virtual = chance(0.3);
        emit("RUN apk add --no-cache" + (virtual ? " --virtual .build-deps" : "") + " \\");
        packages(APK_PKGS, n, "", virtual ? " \\" : "");
        if (virtual) {
          emit("    && make -C /usr/src/" + pick(WORDS) + " install \\");
          emit("    && apk del --no-network .build-deps");
        }
      }
      case "yum" -> {
        String tool = chance(0.5) ? "yum" : "dnf";
        emit("RUN " + tool + " install -y \\");
        packages(YUM_PKGS, n, "", " \\");
        emit("    && " + tool + " clean all" + (chance(0.5) ? " && rm -rf /var/cache/" + tool : ""));
      }
      default -> {
        boolean pinned = chance(0.2);
        emit("RUN set -eux; \\");
        emit("    apt-get update; \\");
        emit("    apt-get install -y" + (chance(0.6) ? " --no-install-recommends" : "") + " \\");
        packages(APT_PKGS, n, pinned ? "=1." + rnd.nextInt(9) + "*" : "", "; \\");
        if (chance(0.4)) {
          emit("    apt-mark auto '.*' > /dev/null; \\");
          emit("    apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \\");
        }
        emit("    rm -rf /var/lib/apt/lists/*");
      }
    }
  }

  /** n package lines; the last ends with {@code end} instead of a continuation. */
  private void packages(String[] names, int n, String pin, String end) {
    for (int i = 0; i < n; i++) {
      emit("        " + pick(names) + pin + (i < n - 1 ? " \\" : end));
    }
  }

  private void env() {
    if (chance(0.5)) {
      emit("ENV " + pick(WORDS).toUpperCase() + "_HOME=/opt/" + pick(WORDS));
      return;
    }
    int n = 2 + rnd.nextInt(6);
    emit("ENV PATH=/usr/local/" + pick(WORDS) + "/bin:$PATH \\");
    for (int i = 0; i < n; i++) {
      String key = pick(WORDS).toUpperCase() + "_" + (chance(0.1) ? "PASSWORD" : chance(0.1) ? "GPG_KEY" : "VERSION");
      String value = key.endsWith("GPG_KEY") ? hex(40) : key.endsWith("PASSWORD") ? (chance(0.5) ? "changeme" : "") : rnd.nextInt(9) + "." + rnd.nextInt(20);
      emit("    " + key + "=" + value + (i < n - 1 ? " \\" : ""));
    }
  }

  private String hex(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("0123456789ABCDEF".charAt(rnd.nextInt(16)));
    }
    return b.toString();
  }

  private void download() {
    String tool = pick(WORDS);
    String host = chance(0.1) ? "http://downloads.example.org" : chance(0.05) ? "https://deploy:s3cr3t@repo.example.com" : "https://github.com/example";
    String url = host + "/" + tool + "/releases/download/v${" + tool.toUpperCase() + "_VERSION}/" + tool + "-linux-amd64.tar.gz";
    int style = rnd.nextInt(4);
    if (style == 0) {
      emit("RUN curl -fsSL " + url + " | tar -xz -C /usr/local/bin");
    } else if (style == 1) {
      emit("RUN set -eux; \\");
      emit("    curl -fsSLo /tmp/" + tool + ".tgz \"" + url + "\"; \\");
      emit("    echo \"" + hex(64).toLowerCase() + "  /tmp/" + tool + ".tgz\" | sha256sum -c -; \\");
      emit("    tar -xzf /tmp/" + tool + ".tgz -C /usr/local --strip-components=1; \\");
      emit("    rm /tmp/" + tool + ".tgz");
    } else if (style == 2) {
      emit("RUN wget -q -O - " + url + " | tar xzf - -C /opt \\");
      emit("    && ln -s /opt/" + tool + "/bin/" + tool + " /usr/local/bin/" + tool);
    } else {
      emit("ADD " + url + " /tmp/");
    }
    if (chance(0.05)) {
      emit("RUN curl -sSL https://install.example.sh/" + tool + " | sh");
    }
  }

  private void copy() {
    int k = rnd.nextInt(6);
    String w = pick(WORDS);
    switch (k) {
      case 0 -> emit("COPY requirements.txt /usr/src/app/");
      case 1 -> emit("COPY package.json package-lock.json ./");
      case 2 -> emit("COPY --chown=" + w + ":" + w + " config/" + w + ".yaml /etc/" + w + "/");
      case 3 -> emit("COPY docker-entrypoint.sh /usr/local/bin/");
      case 4 -> emit("ADD " + w + ".tar.gz /opt/");
      default -> emit("COPY src/ /usr/src/" + w + "/src/");
    }
  }

  private void script() {
    String w = pick(WORDS);
    if (chance(0.5)) {
      emit("RUN mkdir -p /var/lib/" + w + " /var/log/" + w + " \\");
      emit("    && chown -R " + w + ":" + w + " /var/lib/" + w + " \\");
      emit("    && chmod " + (chance(0.1) ? "777" : "755") + " /var/log/" + w);
    } else if (chance(0.5)) {
      emit("RUN set -eux; \\");
      emit("    dpkgArch=\"$(dpkg --print-architecture)\"; \\");
      emit("    case \"$dpkgArch\" in \\");
      emit("        amd64) arch='x86_64' ;; \\");
      emit("        arm64) arch='aarch64' ;; \\");
      emit("        *) echo >&2 \"unsupported architecture: $dpkgArch\"; exit 1 ;; \\");
      emit("    esac; \\");
      emit("    export GNUPGHOME=\"$(mktemp -d)\"; \\");
      emit("    gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys \"$GPG_KEY\"; \\");
      emit("    gpgconf --kill all; rm -rf \"$GNUPGHOME\"");
    } else {
      emit("RUN cd /usr/src/" + w + " && ./configure --prefix=/usr/local && make -j\"$(nproc)\" && make install");
    }
  }

  private void comment() {
    emit("# " + pick(WORDS) + " needs this for " + pick(WORDS) + " (see https://example.com/" + pick(WORDS) + ")");
  }

  private void heredocRun() {
    emit("RUN <<EOF");
    emit("set -e");
    emit("mkdir -p /etc/" + pick(WORDS));
    emit("echo 'ready' > /etc/" + pick(WORDS) + "/state");
    emit("EOF");
    if (chance(0.5)) {
      emit("COPY <<EOT /etc/" + pick(WORDS) + ".conf");
      emit("listen 0.0.0.0:8080");
      emit("EOT");
    }
  }

  private void users() {
    String w = pick(WORDS);
    emit("RUN groupadd -r " + w + " && useradd -r -g " + w + " -u " + (999 + rnd.nextInt(2)) + " " + w);
    emit("USER " + (chance(0.8) ? w : "root"));
  }

  private void language() {
    int k = rnd.nextInt(4);
    switch (k) {
      case 0 -> emit("RUN pip install --no-cache-dir -r requirements.txt");
      case 1 -> emit("RUN npm " + (chance(0.5) ? "ci --omit=dev" : "install") + " && npm cache clean --force");
      case 2 -> emit("RUN CGO_ENABLED=0 go build -ldflags=\"-s -w\" -o /out/" + pick(WORDS) + " ./cmd/" + pick(WORDS));
      default -> emit("RUN mvn -B -DskipTests package");
    }
  }

  private void finish() {
    if (chance(0.2)) {
      emit("HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost:8080/health || exit 1");
    }
    if (chance(0.5)) {
      emit("ENTRYPOINT [\"docker-entrypoint.sh\"]");
    }
    emit(chance(0.8) ? "CMD [\"" + pick(WORDS) + "\"]" : "CMD " + pick(WORDS) + " --config /etc/" + pick(WORDS) + ".yaml");
  }

  private void windows(int target) {
    emit("# escape=`");
    emit("");
    emit("FROM mcr.microsoft.com/windows/servercore:ltsc2022");
    emit("SHELL [\"powershell\", \"-Command\", \"$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';\"]");
    while (out.size() < target) {
      int k = rnd.nextInt(5);
      String w = pick(WORDS);
      if (k == 0) {
        emit("ENV " + w.toUpperCase() + "_VERSION=" + rnd.nextInt(9) + "." + rnd.nextInt(20) + " `");
        emit("    " + w.toUpperCase() + "_HOME=C:\\" + w);
      } else if (k == 1) {
        emit("RUN $url = ('https://example.com/" + w + "/v{0}/" + w + ".zip' -f $env:" + w.toUpperCase() + "_VERSION); `");
        emit("    Write-Host ('Downloading {0} ...' -f $url); `");
        emit("    Invoke-WebRequest -Uri $url -OutFile '" + w + ".zip'; `");
        emit("    if ((Get-FileHash " + w + ".zip -Algorithm sha256).Hash -ne '" + hex(64) + "') { exit 1 }; `");
        emit("    Expand-Archive " + w + ".zip -DestinationPath C:\\" + w + "; `");
        emit("    Remove-Item " + w + ".zip -Force");
      } else if (k == 2) {
        emit("RUN setx /M PATH $('C:\\" + w + "\\bin;{0}' -f $env:PATH)");
      } else if (k == 3) {
        emit("COPY " + w + ".ps1 C:\\" + w + "\\");
      } else {
        emit("WORKDIR C:\\" + w);
      }
    }
    emit("CMD [\"powershell\", \"-File\", \"C:\\\\start.ps1\"]");
  }
}
