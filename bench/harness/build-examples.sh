#!/usr/bin/env bash
# Really build what Bulwark writes: builds the examples' Dockerfiles (the originals, the hardened
# variants `bulwark harden` writes to examples/*/hardened/, and with --fixtures its own) with
# buildah, from stand-in base images made here out of Debian packages, then checks every image
# with Bulwark's own image reader (user, entrypoint) and that the program starts, as the image's
# user, and answers HTTP on loopback. Nothing is pulled from a real container registry:
#   - stand-ins: debootstrap --variant=minbase (Debian trixie) + the runtime from apt, packed with
#     umoci, cached under $BULWARK_HARNESS_CACHE (default /var/cache/bulwark-harness) by a hash of
#     the recipe; the recipes are the table standins.tsv (one line per image-name pattern);
#   - a docker-registry on 127.0.0.1 (free port, storage kept in the cache) gets them pushed by skopeo
#     under the names the Dockerfiles use (docker.io/library/..., gcr.io/distroless/..., cgr.dev/...);
#   - a registries.conf (CONTAINERS_REGISTRIES_CONF) rewrites docker.io, gcr.io and cgr.dev to it;
#   - buildah bud --isolation chroot --layers, overlay storage (vfs where overlay can't mount)
#     kept in the cache, so unchanged steps are reused from the last run (as docker build's cache).
# The network the builds themselves reach is the one this project may use: Debian's mirror (apt in
# a RUN, and the alpine stand-in's apk shim), Maven Central and the npm registry. PyPI is out of
# reach: the python stand-ins carry a wheelhouse made from Debian's python3-flask and friends, and
# pip is configured (/etc/pip.conf) with no-index + find-links to it.
#
# Usage: bench/harness/build-examples.sh [--list] [--fixtures] [FILTER...]   (FILTER: substrings of the labels,
#        e.g. go-api or /distroless). Needs root (debootstrap, chroot); installs its tools with
#        apt-get when missing. Exit: 0 all PASS, 1 a FAIL, 2 the environment can't run it.
# Environment: BULWARK_HARNESS_CACHE, BULWARK_HARNESS_MIRROR (Debian mirror URL),
#        BULWARK_HARNESS_KEEP=1 keeps the work directory (logs, images) for a look afterwards,
#        BULWARK_HARNESS_FIXTURES=1 (or --fixtures) adds this harness's own fixtures to the run,
#        BULWARK_HARNESS_FRESH=1 builds without the layer cache (temporary storage, as a first run),
#        BULWARK_HARNESS_DRIVER=overlay|vfs (default: overlay where the kernel mounts it, else vfs).
# Timings: every phase (debootstrap, each stand-in's apt install and layer pack, skopeo pushes,
#        each buildah bud, push, Bulwark's read, the run check) is timed; the totals per phase
#        are printed at the end and kept, one line each, in $BULWARK_HARNESS_CACHE/last-timings.tsv.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/bench/harness
CACHE=${BULWARK_HARNESS_CACHE:-/var/cache/bulwark-harness}
MIRROR=${BULWARK_HARNESS_MIRROR:-http://deb.debian.org/debian}
SUITE=trixie
# Bump when a change here alters what a stand-in contains (the table's lines are hashed anyway).
RECIPE_VERSION=1
T0=$(date +%s)

say() { echo "harness: $*" >&2; }
# Phase timings: "timed LABEL PHASE command..." runs the command and appends
# "label<TAB>phase<TAB>seconds" to $TIMINGS (set once the work directory exists).
TIMINGS=/dev/null
timed() {
  local label=$1 phase=$2 s=$EPOCHREALTIME rc=0
  shift 2
  "$@" || rc=$?
  printf '%s\t%s\t%s\n' "$label" "$phase" "$(awk -v a="$s" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')" >> "$TIMINGS"
  return $rc
}
env_fail() {
  echo "harness: ENVIRONMENT: $*" >&2
  echo "harness: (this is not a failure of the Dockerfiles; nothing was built)" >&2
  exit 2
}

# --- tools ---------------------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || env_fail "needs root (debootstrap, chroot, buildah's chroot isolation); CI runs as root"
need_tools() {
  local missing="" t
  for t in buildah debootstrap umoci skopeo docker-registry curl ss unshare setsid java; do
    command -v "$t" >/dev/null || missing="$missing $t"
  done
  missing=${missing/ ss/ iproute2}
  missing=${missing/ unshare/ util-linux}
  missing=${missing/ setsid/ util-linux}
  missing=${missing/ java/}
  if [ -n "${missing// /}" ]; then
    command -v apt-get >/dev/null || env_fail "missing tools:$missing (Debian packages) and no apt-get to install them"
    say "installing$missing (apt-get)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing; } >/dev/null 2>&1 \
      || env_fail "could not apt-get install$missing (no network to the Debian mirror?)"
  fi
}
need_tools

# --- what to build -------------------------------------------------------------------------------
# Rows "label|context|dockerfile|kind": kind original (the examples as committed, root allowed) or
# hardened (must run as a numeric non-root user).
LIST_ONLY=0
FILTERS=()
for a in "$@"; do
  case "$a" in
    --list) LIST_ONLY=1 ;;
    -h|--help) sed -n '2,33p' "$0"; exit 0 ;;
    --fixtures) BULWARK_HARNESS_FIXTURES=1 ;;
    *) FILTERS+=("$a") ;;
  esac
done
wanted() {
  [ ${#FILTERS[@]} -eq 0 ] && return 0
  local f
  for f in "${FILTERS[@]}"; do [[ "$1" == *"$f"* ]] && return 0; done
  return 1
}
PAIRS=()
add_pair() { wanted "$1" && PAIRS+=("$1|$2|$3|$4") || true; }
for ex in "$ROOT"/examples/*/; do
  ex=${ex%/}; name=${ex##*/}
  [ -f "$ex/Dockerfile" ] && add_pair "$name/original" "$ex" "$ex/Dockerfile" original
  for v in distroless alpine; do
    if [ -f "$ex/hardened/Dockerfile.$v" ]; then
      add_pair "$name/$v" "$ex" "$ex/hardened/Dockerfile.$v" hardened
    elif wanted "$name/$v"; then
      say "skip $name/$v: examples/$name/hardened/Dockerfile.$v is absent (not written by bulwark harden yet)"
    fi
  done
done
# The harness's own hand-hardened Dockerfiles (fixtures/<example>/Dockerfile.<variant>), built in
# the example's directory: something to hold the harness to before bulwark harden writes its own.
# Not what issue 11 asks (the originals and harden's variants), so only with --fixtures.
for f in "$HERE"/fixtures/*/Dockerfile.*; do
  [ "${BULWARK_HARNESS_FIXTURES:-0}" = 1 ] && [ -f "$f" ] || continue
  name=$(basename "$(dirname "$f")"); v=${f##*/Dockerfile.}
  [ -d "$ROOT/examples/$name" ] && add_pair "$name/$v (fixture)" "$ROOT/examples/$name" "$f" hardened
done
if [ "$LIST_ONLY" = 1 ]; then printf '%s\n' "${PAIRS[@]}" | cut -d'|' -f1,3; exit 0; fi
[ ${#PAIRS[@]} -gt 0 ] || { say "nothing to build"; exit 0; }

WORK=$(mktemp -d /tmp/bulwark-harness.XXXXXX)
TIMINGS=$WORK/timings.tsv
: > "$TIMINGS"
mkdir -p "$CACHE/debs" "$CACHE/m2" "$CACHE/go-build" "$CACHE/npm"
touch "$CACHE/debs/.bulwark-harness"
# One run at a time per cache: the stand-ins, the registry's storage and buildah's layer cache
# are shared by every run on this machine.
exec 9> "$CACHE/.lock"
if ! flock -n 9; then say "waiting for another harness run on $CACHE"; flock 9; fi

# Storage: overlay where the kernel mounts it (vfs copies the whole root file system for every
# step and diffs whole trees to commit and push: most of a vfs run's time), else vfs.
overlay_works() {
  local d=$1/.overlay-probe
  rm -rf "$d"; mkdir -p "$d"/{l,u,w,m}
  unshare --mount --propagation private sh -c "mount -t overlay overlay -o lowerdir=$d/l,upperdir=$d/u,workdir=$d/w $d/m" 2>/dev/null
  local rc=$?
  rm -rf "$d"
  return $rc
}
DRIVER=${BULWARK_HARNESS_DRIVER:-auto}
if [ "$DRIVER" = auto ]; then if overlay_works "$CACHE"; then DRIVER=overlay; else DRIVER=vfs; fi; fi
# The layer cache: buildah bud --layers on a storage root kept in the cache, so a step whose
# Dockerfile line, context files and base are unchanged is reused (as docker build's cache is);
# any change to them rebuilds from that step on. Keyed by buildah's version and the driver.
# BULWARK_HARNESS_FRESH=1: temporary storage, nothing reused (what a first run does).
if [ "${BULWARK_HARNESS_FRESH:-0}" = 1 ]; then
  STORE=$WORK/storage; LAYERS=()
else
  STORE=$CACHE/buildah-$DRIVER-$(buildah --version | sha256sum | cut -c1-12); LAYERS=(--layers)
  # Old layers pile up as the examples change: start over past 30 GB.
  if [ -d "$STORE" ] && [ "$(du -sm "$STORE" 2>/dev/null | cut -f1)" -gt 30000 ]; then
    say "layer cache over 30 GB: starting it over"; rm -rf "$STORE"
  fi
fi
BUILDAH=(buildah --root "$STORE" --runroot "$WORK/run" --storage-driver "$DRIVER")
REGISTRY_PID=""
cleanup() {
  if [ -n "$REGISTRY_PID" ]; then kill "$REGISTRY_PID" 2>/dev/null || true; wait "$REGISTRY_PID" 2>/dev/null || true; fi
  "${BUILDAH[@]}" rm -a >/dev/null 2>&1 || true
  [ -s "$TIMINGS" ] && cp "$TIMINGS" "$CACHE/last-timings.tsv" 2>/dev/null
  if [ -n "${BULWARK_HARNESS_KEEP:-}" ]; then say "kept $WORK"; else
    [ "$STORE" = "$WORK/storage" ] && { "${BUILDAH[@]}" rmi -a -f >/dev/null 2>&1 || true; }
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap "exit 130" INT TERM

# --- base references of a Dockerfile --------------------------------------------------------------
# Prints "ref" for every FROM / COPY --from / RUN --mount=from= that names an image (not a stage,
# not scratch), ${ARG} defaults of the global ARGs substituted. A plain reading, enough for the
# examples and harden's variants (no line continuations inside FROM).
base_refs() {
  awk '
    function subst(s,   name, out, m, def) {
      out = ""
      while (match(s, /\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-+][^}]*)?\}|\$[A-Za-z_][A-Za-z0-9_]*/)) {
        m = substr(s, RSTART, RLENGTH); out = out substr(s, 1, RSTART - 1); s = substr(s, RSTART + RLENGTH)
        name = m; gsub(/^\$\{?|\}$/, "", name); def = ""
        if (index(name, ":-")) { def = substr(name, index(name, ":-") + 2); name = substr(name, 1, index(name, ":-") - 1) }
        out = out ((name in args && args[name] != "") ? args[name] : def)
      }
      return out s
    }
    /^[ \t]*[Aa][Rr][Gg][ \t]/ && !seen_from {
      for (i = 2; i <= NF; i++) { kv = $i; if (index(kv, "=")) { k = substr(kv, 1, index(kv, "=") - 1); v = substr(kv, index(kv, "=") + 1); gsub(/^"|"$/, "", v); args[k] = v } }
    }
    /^[ \t]*[Ff][Rr][Oo][Mm][ \t]/ {
      seen_from = 1; i = 2
      while ($i ~ /^--/) i++
      img = subst($i)
      if (tolower($(i + 1)) == "as") stage[tolower($(i + 2))] = 1
      if (!(tolower(img) in stage) && tolower(img) != "scratch") print img
    }
    /^[ \t]*([Cc][Oo][Pp][Yy]|[Rr][Uu][Nn])[ \t]/ {
      for (i = 2; i <= NF; i++) if (match($i, /from=[^, \t]+/)) {
        img = substr($i, RSTART + 5, RLENGTH - 5)
        if (img !~ /^[0-9]+$/ && !(tolower(img) in stage) && (img ~ /[:\/]/)) print subst(img)
      }
    }
  ' "$1"
}

# docker.io/library/alpine:latest from alpine; the digest, if any, is dropped (see below).
normalize_ref() {
  local r=${1%%@*} first rest
  first=${r%%/*}
  if [ "$first" = "$r" ] || { [[ "$first" != *.* ]] && [[ "$first" != *:* ]] && [ "$first" != localhost ]; }; then
    r=docker.io/$r
  fi
  rest=${r#*/}
  [ "${r%%/*}" = docker.io ] && [[ "$rest" != */* ]] && r=docker.io/library/$rest
  [[ "${r##*/}" == *:* ]] || r=$r:latest
  echo "$r"
}

# The table line (kind runtime user more) for a normalized reference, or nothing.
recipe_for() {
  local ref=$1 pattern kind runtime user more
  while read -r pattern kind runtime user more; do
    [[ -z "$pattern" || "$pattern" == \#* ]] && continue
    # shellcheck disable=SC2053  # the pattern is a glob on purpose
    if [[ "$ref" == $pattern ]]; then echo "$kind $runtime $user ${more:-}"; return; fi
  done < "$HERE/standins.tsv"
}

# --- stand-in root filesystems --------------------------------------------------------------------
# Runs a command chrooted into rootfs $1 with /proc, /dev and the shared .deb cache mounted, in a
# private mount namespace (the mounts vanish with it and never show on the host).
in_chroot() {
  local r=$1; shift
  cp /etc/resolv.conf "$r/etc/resolv.conf"
  unshare --mount --fork --propagation private sh -ec '
    r=$1; debs=$2; shift 2
    mount -t proc proc "$r/proc"
    mount --bind /dev "$r/dev"
    mount --bind /dev/pts "$r/dev/pts"
    mount --bind "$debs" "$r/var/cache/apt/archives"
    exec chroot "$r" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"' sh "$r" "$CACHE/debs" "$@"
  rm -f "$r/etc/resolv.conf"
}

mirror_reachable() { curl -fsS -m 20 -o /dev/null "$MIRROR/dists/$SUITE/Release" 2>/dev/null; }

BASE_KEY=$(echo "minbase $SUITE $MIRROR $RECIPE_VERSION" | sha256sum | cut -c1-16)
BASE=$CACHE/base-$BASE_KEY
ensure_base() {
  [ -d "$BASE" ] && return
  mirror_reachable || env_fail "the stand-in base images are not cached in $CACHE and the Debian mirror $MIRROR is out of reach; \
they are made with debootstrap from it once (then cached). Set BULWARK_HARNESS_MIRROR to a reachable Debian mirror."
  say "debootstrap --variant=minbase $SUITE (once; cached as $BASE)"
  rm -rf "$BASE.tmp"
  timed base debootstrap debootstrap --variant=minbase "$SUITE" "$BASE.tmp" "$MIRROR" > "$CACHE/debootstrap.log" 2>&1 \
    || env_fail "debootstrap failed (see $CACHE/debootstrap.log)"
  timed base apt-update in_chroot "$BASE.tmp" apt-get update -qq > /dev/null
  rm -f "$BASE.tmp"/var/cache/apt/archives/*.deb
  mv "$BASE.tmp" "$BASE"
}

# Debian packages for a runtime, by kind.
runtime_packages() {
  local kind=$1 runtime=$2
  case "$runtime" in
    -) case "$kind" in alpine|wolfi) echo ca-certificates ;; esac ;;
    base) echo ca-certificates tzdata netbase libssl3t64 ;;
    cc) echo ca-certificates tzdata netbase libssl3t64 libgcc-s1 libstdc++6 libgomp1 ;;
    go) echo ca-certificates golang-go git gcc libc6-dev make ;;
    python)
      if [ "$kind" = distroless ]; then echo ca-certificates python3
      else echo ca-certificates python3 python3-pip python3-venv $PY_WHEELHOUSE_DEBS; fi ;;
    node) if [ "$kind" = distroless ]; then echo ca-certificates nodejs; else echo ca-certificates nodejs npm; fi ;;
    maven) echo ca-certificates openjdk-21-jdk-headless maven ;;
    maven25) echo ca-certificates openjdk-25-jdk-headless maven ;;
    jdk) echo ca-certificates openjdk-21-jdk-headless ;;
    jdk25) echo ca-certificates openjdk-25-jdk-headless ;;
    jre|java) echo ca-certificates openjdk-21-jre-headless ;;
    jre25|java25) echo ca-certificates openjdk-25-jre-headless ;;
    *) return 1 ;;
  esac
}
# Where pip finds Flask: Debian's packages of it, made into wheels in the stand-in (PyPI is out of
# reach). A requirement that needs more is one more Debian package name here.
PY_WHEELHOUSE_DEBS="python3-flask python3-werkzeug python3-jinja2 python3-itsdangerous python3-click python3-blinker python3-markupsafe"
WHEELHOUSE=/usr/share/bulwark-standin/wheels

add_user() { # rootfs name uid home shell
  local r=$1 name=$2 uid=$3 home=$4 shell=$5
  grep -q "^$name:" "$r/etc/group" || echo "$name:x:$uid:" >> "$r/etc/group"
  grep -q "^$name:" "$r/etc/passwd" || echo "$name:x:$uid:$uid:$name:$home:$shell" >> "$r/etc/passwd"
  mkdir -p "$r$home"; chown "$uid:$uid" "$r$home"; chmod 0755 "$r$home"
}

# What the real images have where: links, users, entrypoint scripts, pip's wheelhouse.
runtime_post() {
  local kind=$1 runtime=$2 r=$3 jvm
  case "$runtime" in
    go)
      ln -sfn /usr/lib/go "$r/usr/local/go"
      mkdir -p "$r/go/src" "$r/go/bin"; chmod -R 1777 "$r/go" ;;
    python)
      if [ "$kind" != distroless ]; then
        # python:* has python3/pip at /usr/local/bin and no PEP 668 marker (pip installs as root).
        for t in python3 python pip3 pip; do
          local src=/usr/bin/$t; [ "$t" = python ] && src=/usr/bin/python3; [ "$t" = pip ] && src=/usr/bin/pip3
          ln -sfn "$src" "$r/usr/local/bin/$t"
        done
        rm -f "$r"/usr/lib/python3.*/EXTERNALLY-MANAGED
        make_wheelhouse "$r" || return 1
      fi
      ln -sfn python3 "$r/usr/bin/python" ;;  # chainguard's entrypoint is /usr/bin/python
    node)
      if [ "$kind" = distroless ]; then
        mkdir -p "$r/nodejs/bin"; ln -sfn /usr/bin/node "$r/nodejs/bin/node"
      else
        ln -sfn /usr/bin/node "$r/usr/local/bin/node"
        add_user "$r" node 1000 /home/node /bin/sh
        # node:*'s docker-entrypoint.sh: a first argument that is an option or a .js file goes to node.
        cat > "$r/usr/local/bin/docker-entrypoint.sh" <<'SH'
#!/bin/sh
set -e
if [ "${1#-}" != "$1" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
SH
        chmod 0755 "$r/usr/local/bin/docker-entrypoint.sh"
      fi ;;
    maven*|jdk*|jre*|java*)
      jvm=$(cd "$r/usr/lib/jvm" && ls -d java-*-openjdk-* | head -n 1)
      mkdir -p "$r/opt/java"; ln -sfn "/usr/lib/jvm/$jvm" "$r/opt/java/openjdk" ;;
  esac
}

# Wheels from the Debian packages in PY_WHEELHOUSE_DEBS (their files as dpkg lists them, with the
# package's own dist-info, plus the WHEEL and RECORD a wheel needs), then those packages purged so
# the image has pip's input, not an installed Flask. /etc/pip.conf points pip (and every venv's
# pip) at them and nowhere else.
make_wheelhouse() {
  local r=$1
  mkdir -p "$r$WHEELHOUSE"
  in_chroot "$r" python3 - "$WHEELHOUSE" $PY_WHEELHOUSE_DEBS <<'PY' || return 1
import base64, hashlib, os, subprocess, sys, sysconfig, zipfile
out, debs = sys.argv[1], sys.argv[2:]
site = "/usr/lib/python3/dist-packages/"
for deb in debs:
    files = [f for f in subprocess.run(["dpkg", "-L", deb], capture_output=True, text=True, check=True).stdout.split("\n")
             if f.startswith(site) and os.path.isfile(f)]
    rel = [f[len(site):] for f in files]
    meta = sorted({p.split("/")[0] for p in rel if p.split("/")[0].endswith((".dist-info", ".egg-info"))})[0]
    name, version = meta.rsplit(".", 1)[0].rsplit("-", 1)
    info = "%s-%s.dist-info" % (name, version)
    if meta.endswith(".egg-info"):
        # setuptools' egg-info (some Debian packages): PKG-INFO is METADATA, requires.txt its
        # Requires-Dist ([extra] sections as extra markers); the other files carry over by name.
        extra_files = {}
        egg = site + meta + "/"
        lines = open(egg + "PKG-INFO", encoding="utf-8").read().rstrip("\n").split("\n")
        head = [l for l in lines if l.strip()] if "" not in lines else lines[:lines.index("")]
        body = [] if "" not in lines else lines[lines.index(""):]
        section = ""
        if os.path.exists(egg + "requires.txt"):
            for req in open(egg + "requires.txt", encoding="utf-8").read().split("\n"):
                req = req.strip()
                if not req:
                    continue
                if req.startswith("["):
                    section = req[1:-1]
                    continue
                extra, _, marker = section.partition(":")
                conds = ([('extra == "%s"' % extra)] if extra else []) + ([marker] if marker else [])
                head.append("Requires-Dist: " + req + ("; " + " and ".join(conds) if conds else ""))
        extra_files[info + "/METADATA"] = ("\n".join(head + body) + "\n").encode()
        for f in ("top_level.txt", "entry_points.txt"):
            if os.path.exists(egg + f):
                extra_files[info + "/" + f] = open(egg + f, "rb").read()
        keep = [(f, p) for f, p in zip(files, rel) if not p.startswith(meta + "/")]
        files, rel = [f for f, _ in keep], [p for _, p in keep]
    else:
        extra_files = {}
    native = any(p.endswith(".so") for p in rel)
    tag = "cp%d%d-cp%d%d-%s" % (sys.version_info[:2] * 2 + (sysconfig.get_platform().replace("-", "_").replace(".", "_"),)) if native else "py3-none-any"
    wheel_meta = "Wheel-Version: 1.0\nGenerator: bulwark-harness\nRoot-Is-Purelib: %s\nTag: %s\n" % ("false" if native else "true", tag)
    record = []
    path = os.path.join(out, "%s-%s-%s.whl" % (name.replace("-", "_"), version, tag))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        def put(arc, data):
            z.writestr(arc, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append("%s,sha256=%s,%d" % (arc, digest, len(data)))
        for f, p in zip(files, rel):
            if p.startswith(info + "/") and p.rsplit("/", 1)[1] in ("RECORD", "WHEEL", "INSTALLER", "direct_url.json"):
                continue
            put(p, open(f, "rb").read())
        for arc, data in extra_files.items():
            put(arc, data)
        put(info + "/WHEEL", wheel_meta.encode())
        z.writestr(info + "/RECORD", "\n".join(record + [info + "/RECORD,,"]) + "\n")
    print(name, version)
PY
  in_chroot "$r" sh -c "apt-mark auto $PY_WHEELHOUSE_DEBS >/dev/null && apt-get purge -y -qq --auto-remove $PY_WHEELHOUSE_DEBS >/dev/null" || return 1
  printf '[global]\nno-index = true\nfind-links = %s\n' "$WHEELHOUSE" > "$r/etc/pip.conf"
}

# Distroless: no shell, no package manager. What stays that the real images lack: coreutils,
# util-linux, perl-base, the rest of minbase (and /etc/passwd's Debian system users).
strip_distroless() {
  local r=$1 f
  for f in sh dash bash rbash apt apt-get apt-cache apt-config apt-mark apt-cdrom dpkg dpkg-deb dpkg-query dpkg-divert \
      dpkg-split dpkg-trigger dpkg-statoverride dpkg-maintscript-helper; do
    rm -f "$r/usr/bin/$f" "$r/usr/sbin/$f"
  done
  rm -rf "$r/var/lib/apt/lists/"* "$r/var/cache/apt/"*.bin "$r/etc/apt"
}

# Static: a handful of files out of a minbase with ca-certificates/tzdata/netbase, into an empty root.
make_static() {
  local src=$1 r=$2 f
  mkdir -p "$r"/{etc,tmp,root,home,usr/share,usr/lib,var/lib}
  chmod 1777 "$r/tmp"; chmod 0700 "$r/root"
  mkdir -p "$r/etc/ssl/certs"
  for f in etc/ssl/certs/ca-certificates.crt etc/services etc/protocols etc/nsswitch.conf etc/os-release etc/debian_version \
      usr/lib/os-release usr/share/zoneinfo; do
    [ -e "$src/$f" ] && cp -a "$src/$f" "$r/$f"
  done
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' > "$r/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\ntty:x:5:\nstaff:x:50:\n' > "$r/etc/group"
}

# Alpine stand-in: BusyBox applets where Debian has no command of that name, the shims over them.
alpine_post() {
  local r=$1 a
  for a in $(chroot "$r" /usr/bin/busybox --list); do
    [ -e "$r/usr/bin/$a" ] || [ -e "$r/usr/sbin/$a" ] || ln -s /usr/bin/busybox "$r/usr/bin/$a"
  done
  for a in apk adduser addgroup; do
    rm -f "$r/usr/bin/$a"
    install -m 0755 "$HERE/shims/$a" "$r/usr/sbin/$a" || return 1
  done
}

host_cas() { ls /usr/local/share/ca-certificates/*.crt 2>/dev/null || true; }

# The cache key of a rootfs: everything that decides its contents.
rootfs_key() {
  { echo "$RECIPE_VERSION $BASE_KEY $1 $2"; declare -f runtime_packages runtime_post make_wheelhouse strip_distroless make_static alpine_post add_user finish_kind dpkg_speedup pack_rootfs
    [ -z "$(host_cas)" ] || cat $(host_cas)
    echo "$PY_WHEELHOUSE_DEBS"; case "$1" in alpine|wolfi) cat "$HERE"/shims/* ;; esac; } | sha256sum | cut -c1-16
}

# An OCI layout (tag "rootfs") for kind+runtime, built once and cached; sets STANDIN_DIR.
ensure_rootfs_image() {
  local kind=$1 runtime=$2 key dir r pkgs label="standin $1/$2"
  key=$(rootfs_key "$kind" "$runtime")
  dir=$CACHE/standin-$kind-${runtime//-/none}-$key
  STANDIN_DIR=$dir
  if [ ! -f "$dir/oci/index.json" ]; then
    ensure_base
    mirror_reachable || env_fail "stand-in $kind/$runtime is not cached in $CACHE and the Debian mirror $MIRROR is out of reach"
    say "making stand-in $kind/$runtime (once; cached as $dir)"
    rm -rf "$dir"; mkdir -p "$dir"
    r=$dir/rootfs
    timed "$label" copy-base cp -a "$BASE" "$r"
    dpkg_speedup "$r"
    # The host's own CAs (a TLS-inspecting egress proxy's, say) go in with Debian's, so the builds'
    # downloads (Maven Central, npm) verify as the host's do; ca-certificates' postinst and
    # ca-certificates-java's trigger put them in the system and Java trust stores.
    if [ -n "$(host_cas)" ]; then mkdir -p "$r/usr/local/share/ca-certificates"; cp $(host_cas) "$r/usr/local/share/ca-certificates/"; fi
    pkgs=$(runtime_packages "$kind" "$runtime") || { echo "unknown runtime '$runtime' in standins.tsv" >&2; return 1; }
    case "$kind" in alpine|wolfi) pkgs="$pkgs busybox" ;; esac
    if [ -n "${pkgs// /}" ]; then
      timed "$label" apt-install in_chroot "$r" apt-get install -y -qq --no-install-recommends $pkgs > "$dir/apt.log" 2>&1 \
        || { echo "apt-get install $pkgs failed (see $dir/apt.log)" >&2; return 1; }
    fi
    timed "$label" runtime-post runtime_post "$kind" "$runtime" "$r" >> "$dir/apt.log" 2>&1 || { echo "stand-in post-install failed (see $dir/apt.log)" >&2; return 1; }
    timed "$label" finish-kind finish_kind "$kind" "$r" "$dir" >> "$dir/apt.log" 2>&1 || { echo "stand-in $kind finishing failed (see $dir/apt.log)" >&2; return 1; }
    rm -rf "$r/var/cache/apt/archives/"*.deb "$r/tmp/"* 2>/dev/null || true
    printf 'This is a bulwark harness stand-in (%s/%s), made from Debian %s packages, not the real image.\n' \
      "$kind" "$runtime" "$SUITE" > "$r/etc/bulwark-standin"
    if [ -d "$r$WHEELHOUSE" ]; then ls "$r$WHEELHOUSE" > "$dir/wheels.txt"; fi
    # Packed under another name and renamed when whole: a half-made stand-in is never taken as cached.
    timed "$label" pack pack_rootfs "$dir/oci.tmp" "$r" \
      >> "$dir/apt.log" 2>&1 || { echo "could not pack the stand-in (see $dir/apt.log)" >&2; return 1; }
    mv "$dir/oci.tmp" "$dir/oci"
    rm -rf "$r"
  fi
}

pack_rootfs() { # layout rootfs: an OCI layout, tag rootfs, one layer with the whole root file system
  umoci init --layout "$1" && umoci new --image "$1:rootfs" && umoci insert --image "$1:rootfs" "$2" /
}

# dpkg without an fsync per file, as Docker's own Debian images set it
# (/etc/dpkg/dpkg.cfg.d/docker-apt-speedup): the stand-ins' apt installs, and the apk shim's in
# the builds, spent most of their time in fsync on this machine.
dpkg_speedup() {
  mkdir -p "$1/etc/dpkg/dpkg.cfg.d"
  echo force-unsafe-io > "$1/etc/dpkg/dpkg.cfg.d/docker-apt-speedup"
}

# What makes a kind what it is, after the runtime is in.
finish_kind() {
  local kind=$1 r=$2 dir=$3
  case "$kind" in
    debian) rm -rf "$r/var/lib/apt/lists/"* ;;
    alpine) alpine_post "$r" ;;   # apt lists stay: the apk shim installs from them
    wolfi) alpine_post "$r" && add_user "$r" nonroot 65532 /home/nonroot /bin/sh ;;
    distroless) strip_distroless "$r" && add_user "$r" nonroot 65532 /home/nonroot /sbin/nologin ;;
    static)
      in_chroot "$r" apt-get install -y -qq --no-install-recommends ca-certificates tzdata netbase || return 1
      make_static "$r" "$dir/static" && rm -rf "$r" && mv "$dir/static" "$r" && add_user "$r" nonroot 65532 /home/nonroot /sbin/nologin ;;
  esac
}

# The image config of a stand-in: the table's user/entrypoint/cmd/workdir, env as the real image.
standin_config_args() {
  local kind=$1 runtime=$2 user=$3 more=$4 path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" workdir="" kv
  local -a args=()
  case "$runtime" in
    go) path="/go/bin:/usr/local/go/bin:$path"; args+=(--config.env GOPATH=/go --config.env GOTOOLCHAIN=local)
        [ "$kind" = debian ] && workdir=/go ;;
    python) args+=(--config.env LANG=C.UTF-8) ;;
    maven*) args+=(--config.env JAVA_HOME=/opt/java/openjdk --config.env MAVEN_HOME=/usr/share/maven) ;;
    jdk*|jre*) args+=(--config.env JAVA_HOME=/opt/java/openjdk) ;;
  esac
  case "$kind" in static|distroless) args+=(--config.env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt) ;; esac
  [ "$user" = 65532 ] && [[ "$kind" == static || "$kind" == distroless ]] && workdir=/home/nonroot
  args+=(--config.env "PATH=$path")
  [ "$user" != 0 ] && args+=(--config.user "$user")
  IFS=';' read -ra kvs <<< "$more"
  for kv in "${kvs[@]}"; do
    case "$kv" in
      entrypoint=*) json_args --config.entrypoint "${kv#entrypoint=}" ;;
      cmd=*) json_args --config.cmd "${kv#cmd=}" ;;
      workdir=*) workdir=${kv#workdir=} ;;
    esac
  done
  [ -n "$workdir" ] && args+=(--config.workingdir "$workdir")
  printf '%s\n' "${args[@]}"
}
# ["a","b"] -> flag a flag b, appended to args (plain JSON strings, no escapes: the table's own).
json_args() {
  local flag=$1 s=$2 e
  s=${s#[}; s=${s%]}
  IFS=',' read -ra els <<< "$s"
  for e in "${els[@]}"; do e=${e#\"}; e=${e%\"}; args+=("$flag" "$e"); done
}

# --- the registry ---------------------------------------------------------------------------------
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    ss -Htln "sport = :$p" | grep -q . || { echo "$p"; return; }
  done
}
start_registry() {
  REG_PORT=$(free_port)
  mkdir -p "$WORK/registry"
  # Its storage is kept in the cache: a warm run's pushes find every blob there (a HEAD each).
  mkdir -p "$CACHE/registry"
  printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
    "$CACHE/registry" "$REG_PORT" > "$WORK/registry/config.yml"
  docker-registry serve "$WORK/registry/config.yml" > "$WORK/registry/log" 2>&1 &
  REGISTRY_PID=$!
  local i
  for i in $(seq 100); do
    curl -fs -o /dev/null "http://127.0.0.1:$REG_PORT/v2/" && break
    sleep 0.1
  done
  curl -fs -o /dev/null "http://127.0.0.1:$REG_PORT/v2/" || env_fail "docker-registry did not start (see $WORK/registry/log)"
  # docker.io, gcr.io and cgr.dev rewritten to the local registry (no fallback to the real ones).
  {
    echo 'unqualified-search-registries = ["docker.io"]'
    echo 'short-name-mode = "permissive"'
    for reg in docker.io gcr.io cgr.dev; do
      printf '[[registry]]\nprefix = "%s"\nlocation = "127.0.0.1:%s/%s"\ninsecure = true\n' "$reg" "$REG_PORT" "$reg"
    done
  } > "$WORK/registries.conf"
  echo '{"default":[{"type":"insecureAcceptAnything"}]}' > "$WORK/policy.json"
  export CONTAINERS_REGISTRIES_CONF=$WORK/registries.conf
}

# Publishes the stand-in for normalized reference $1 at 127.0.0.1:PORT/$1; sets PROBLEM (empty: ok).
declare -A PUBLISHED=()
publish() {
  local ref=$1 line kind runtime user more dir tag
  PROBLEM=${PUBLISHED[$ref]:-}
  [ -n "$PROBLEM" ] && { [ "$PROBLEM" = ok ] && PROBLEM=""; return; }
  line=$(recipe_for "$ref")
  if [ -z "$line" ]; then
    PROBLEM="no stand-in for $ref (add a line to bench/harness/standins.tsv)"; PUBLISHED[$ref]=$PROBLEM; return
  fi
  read -r kind runtime user more <<< "$line"
  if ! ensure_rootfs_image "$kind" "$runtime"; then
    PROBLEM="stand-in $kind/$runtime for $ref could not be made (see the message above)"; PUBLISHED[$ref]=$PROBLEM; return
  fi
  dir=$STANDIN_DIR
  tag=c$(echo "$line" | sha256sum | cut -c1-12)
  if ! umoci stat --image "$dir/oci:$tag" >/dev/null 2>&1; then
    mapfile -t cfg < <(standin_config_args "$kind" "$runtime" "$user" "${more:-}")
    umoci config --image "$dir/oci:rootfs" --tag "$tag" --no-history --clear=config.env "${cfg[@]}" >/dev/null
  fi
  timed "standin $kind/$runtime" "skopeo-push $ref" skopeo copy --quiet --dest-tls-verify=false "oci:$dir/oci:$tag" "docker://127.0.0.1:$REG_PORT/$ref" > "$WORK/skopeo.log" 2>&1 \
    || { PROBLEM="skopeo could not push $ref: $(tail -n 2 "$WORK/skopeo.log" | tr '\n' ' ')"; PUBLISHED[$ref]=$PROBLEM; return; }
  PUBLISHED[$ref]=ok
  [ -f "$dir/wheels.txt" ] && cat "$dir/wheels.txt" >> "$WORK/wheels.txt"
  true
}

# --- build, inspect, run --------------------------------------------------------------------------
# A copy of the Dockerfile without digest pins (no stand-in can have the real image's digest),
# and of the context with `name==version` pins the wheelhouse lacks moved to the version it has
# (PyPI is out of reach). Each change is a note in the table. Sets DF, CTX, NOTES.
prepare_inputs() {
  local label=$1 ctx=$2 df=$3 n=$4 req name ver have
  DF=$df; CTX=$ctx; NOTES=""
  if grep -Eqi '^[[:space:]]*FROM[[:space:]].*@sha256:' "$df"; then
    DF=$WORK/$n.Dockerfile
    sed -E 's/(^[[:space:]]*[Ff][Rr][Oo][Mm][[:space:]].*[^@[:space:]]+)@sha256:[0-9a-f]{64}/\1/' "$df" > "$DF"
    NOTES="$NOTES digest pins dropped;"
  fi
  [ -f "$WORK/wheels.txt" ] || return 0
  for req in "$ctx"/requirements*.txt; do
    [ -f "$req" ] || continue
    while IFS= read -r line; do
      [[ "$line" =~ ^[[:space:]]*([A-Za-z0-9_.-]+)[[:space:]]*==[[:space:]]*([^[:space:];#]+) ]] || continue
      name=${BASH_REMATCH[1]}; ver=${BASH_REMATCH[2]}
      have=$(grep -i "^$(echo "$name" | tr '-' '_')-" "$WORK/wheels.txt" | head -n 1 | cut -d- -f2)
      [ -n "$have" ] && [ "$have" != "$ver" ] || continue
      if [ "$CTX" = "$ctx" ]; then CTX=$WORK/$n.context; cp -a "$ctx" "$CTX"; fi
      sed -i -E "s/^([[:space:]]*$name[[:space:]]*==[[:space:]]*)$ver/\1$have/I" "$CTX/${req##*/}"
      NOTES="$NOTES ${req##*/}: $name==$ver -> $have (Debian's; PyPI unreachable);"
    done < "$req"
  done
  if [ "$DF" = "$df" ] && [ "$CTX" != "$ctx" ] && [[ "$df" == "$ctx"/* ]]; then DF=$CTX/${df#"$ctx"/}; fi
}

facts_of() { # image layout -> ImageFacts lines, through Bulwark's own reader
  "$JAVA" -cp "$WORK/facts:$BULWARK_CP" ImageFacts "$1"
}

# The image's manifest and config, as buildah stored them when it committed the build, in an OCI
# layout for Bulwark's reader: index.json, the manifest and the config blob, each checked against
# its digest. The layers stay out: the reader's check (user, entrypoint, the config's diff_ids
# against the manifest's layers) reads none of them, and writing them out (buildah push) cost
# about a minute per image here. Falls back to a full buildah push when a digest does not match.
image_layout() {
  local img=$1 d=$2 md cd want
  rm -rf "$d"; mkdir -p "$d/blobs/sha256"
  "${BUILDAH[@]}" inspect --type image --format '{{.Manifest}}' "$img" > "$d/manifest" \
    && "${BUILDAH[@]}" inspect --type image --format '{{.Config}}' "$img" > "$d/config" || return 1
  md=$(sha256sum < "$d/manifest" | cut -c1-64); cd=$(sha256sum < "$d/config" | cut -c1-64)
  want=$(grep -o '"config":{[^}]*}' "$d/manifest" | grep -o 'sha256:[0-9a-f]*')
  if [ "$want" != "sha256:$cd" ]; then
    say "  the stored config of $img does not match its manifest's digest: pushing the whole image"
    rm -rf "$d"
    "${BUILDAH[@]}" push --quiet --disable-compression "$img" "oci:$d"
    return
  fi
  mv "$d/manifest" "$d/blobs/sha256/$md"; mv "$d/config" "$d/blobs/sha256/$cd"
  echo '{"imageLayoutVersion":"1.0.0"}' > "$d/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s}]}\n' \
    "$md" "$(stat -c %s "$d/blobs/sha256/$md")" > "$d/index.json"
}

# Starts the image's entrypoint+cmd as its user (buildah run, chroot isolation, host network),
# waits for an HTTP answer on loopback, stops it. Sets RUN_RESULT (ok / reason) and RUN_INFO.
run_check() {
  local img=$1 n=$2 ctr pid port p code uid="" i alive listener
  local -a argv=() ports=()
  mapfile -t argv < <(grep '^argv	' "$WORK/$n.facts" | cut -f2-)
  mapfile -t ports < <(grep '^port	' "$WORK/$n.facts" | cut -f2 | cut -d/ -f1)
  RUN_INFO=""
  if [ ${#argv[@]} -eq 0 ]; then RUN_RESULT="no entrypoint or cmd"; return; fi
  ctr=$("${BUILDAH[@]}" from --pull-never "$img")
  port=$(free_port)
  local -a cands=("$port")
  for p in "${ports[@]}"; do
    if ss -Htln "sport = :$p" | grep -q .; then RUN_INFO="port $p busy on the host;"; else cands+=("$p"); fi
  done
  setsid "${BUILDAH[@]}" run --isolation chroot --network host --env "PORT=$port" "$ctr" -- "${argv[@]}" > "$WORK/$n.run.log" 2>&1 &
  pid=$!
  RUN_RESULT="no HTTP answer in 60 s on ${cands[*]}"
  for i in $(seq 120); do
    if ! kill -0 "$pid" 2>/dev/null; then RUN_RESULT="exited: $(tail -n 2 "$WORK/$n.run.log" | tr '\n' ' ')"; break; fi
    for p in "${cands[@]}"; do
      code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$p/healthz" || true)
      if [[ "$code" =~ ^[234] ]]; then
        listener=$(ss -Htlnp "sport = :$p" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
        [ -n "$listener" ] && uid=$(awk '/^Uid:/ {print $2}' "/proc/$listener/status" 2>/dev/null)
        RUN_RESULT=ok; RUN_INFO="${RUN_INFO:+$RUN_INFO }:$p/healthz $code uid=${uid:-?}"; RUN_UID=${uid:-?}
        break 2
      fi
    done
    sleep 0.5
  done
  kill -TERM -- "-$pid" 2>/dev/null || true
  for i in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  "${BUILDAH[@]}" rm "$ctr" >/dev/null 2>&1 || true
}

check_one() {
  local label=$1 ctx=$2 df=$3 kind=$4 n=$5 ref user argv0 t1 mounts=() img
  local -a refs=()
  # A stable name per Dockerfile: the layer cache keeps the last build of each.
  img=harness/$(echo "$label" | tr -c 'a-z0-9\n' '-' | sed 's/-*$//')
  mapfile -t refs < <(base_refs "$df")
  for ref in "${refs[@]}"; do
    publish "$(normalize_ref "$ref")"
    [ -n "$PROBLEM" ] && { ROW=(FAIL "$PROBLEM"); return; }
  done
  prepare_inputs "$label" "$ctx" "$df" "$n"
  # Harness caches for what builds download or compile again and again (Debian .debs, Maven's
  # repository, npm's cache, root's Go build cache): they only save time, and stay out of the
  # image. Not where the Dockerfile mounts a cache of its own there.
  grep -q '/var/cache/apt' "$DF" || mounts+=(-v "$CACHE/debs:/var/cache/apt/archives")
  grep -q '\.m2' "$DF" || mounts+=(-v "$CACHE/m2:/root/.m2")
  grep -q '\.npm' "$DF" || mounts+=(-v "$CACHE/npm:/root/.npm")
  grep -q 'go-build' "$DF" || mounts+=(-v "$CACHE/go-build:/root/.cache/go-build")
  t1=$EPOCHREALTIME
  if ! timed "$label" "buildah-bud" "${BUILDAH[@]}" bud --isolation chroot --network host --signature-policy "$WORK/policy.json" --pull=always \
      "${LAYERS[@]}" "${mounts[@]}" -f "$DF" -t "$img" "$CTX" > "$WORK/$n.build.log" 2>&1; then
    ROW=(FAIL "build failed: $(grep -v '^\s*$' "$WORK/$n.build.log" | tail -n 3 | tr '\n' ' ' | cut -c1-300)")
    return
  fi
  local tb cached
  tb=$(awk -v a="$t1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
  cached=$(grep -c '^--> Using cache' "$WORK/$n.build.log" || true)
  timed "$label" "image-layout" image_layout "$img" "$WORK/$n.oci" > "$WORK/$n.push.log" 2>&1 \
    || { ROW=(FAIL "could not write the image's layout: $(tail -n 2 "$WORK/$n.push.log")"); return; }
  timed "$label" "bulwark-read" facts_of "$WORK/$n.oci" > "$WORK/$n.facts" 2>"$WORK/$n.facts.err" \
    || { ROW=(FAIL "Bulwark could not read the image: $(tail -n 2 "$WORK/$n.facts.err")"); return; }
  user=$(grep '^user	' "$WORK/$n.facts" | cut -f2-)
  argv0=$(grep '^argv	' "$WORK/$n.facts" | cut -f2- | tr '\n' ' ')
  if [ "$kind" = hardened ] && ! [[ "$user" =~ ^[0-9]+(:[0-9]+)?$ && "${user%%:*}" != 0 ]]; then
    ROW=(FAIL "user '${user}' is not a numeric non-root user" "$user" "$argv0"); return
  fi
  RUN_UID=""
  timed "$label" "run-check" run_check "$img" "$n"
  if [ "$RUN_RESULT" != ok ]; then ROW=(FAIL "does not answer: $RUN_RESULT" "$user" "$argv0"); return; fi
  if [ "$kind" = hardened ] && [ "$RUN_UID" != "${user%%:*}" ]; then
    ROW=(FAIL "ran as uid $RUN_UID, not the image's user $user" "$user" "$argv0"); return
  fi
  ROW=(PASS "build ${tb}s${LAYERS:+ ($cached steps cached)}; ${RUN_INFO};${NOTES}" "${user:-root}" "$argv0")
}

# --- main -----------------------------------------------------------------------------------------
"$ROOT/bulwark" --version >/dev/null || env_fail "the Bulwark CLI does not build (./bulwark --version)"
read -r JAVA < "$ROOT/bulwark-cli/target/java"
BULWARK_CP=$(cat "$ROOT/bulwark-cli/target/classpath")
# Compiled once per run (the source launcher compiled it for every image: 10 s each here).
timed harness javac-facts "$(dirname "$JAVA")/javac" -d "$WORK/facts" -cp "$BULWARK_CP" "$HERE/ImageFacts.java" \
  || env_fail "could not compile ImageFacts.java with $(dirname "$JAVA")/javac"
start_registry
say "local registry on 127.0.0.1:$REG_PORT; stand-in cache $CACHE; ${#PAIRS[@]} Dockerfile(s)"
RESULTS=()
failed=0; i=0
for pair in "${PAIRS[@]}"; do
  IFS='|' read -r label ctx df kind <<< "$pair"
  i=$((i + 1))
  say "[$i/${#PAIRS[@]}] $label (${df#"$ROOT"/})"
  ROW=()
  check_one "$label" "$ctx" "$df" "$kind" "$i"
  [ "${ROW[0]}" = PASS ] || failed=1
  RESULTS+=("${ROW[0]}|$label|${ROW[2]:--}|${ROW[3]:--}|${ROW[1]}")
  [ "${ROW[0]}" = PASS ] || say "  FAIL: ${ROW[1]} (logs: $WORK/$i.*; BULWARK_HARNESS_KEEP=1 keeps them)"
done
echo
printf '%-6s %-30s %-12s %-42s %s\n' RESULT IMAGE USER "ENTRYPOINT+CMD" DETAILS
for r in "${RESULTS[@]}"; do
  IFS='|' read -r res label user argv detail <<< "$r"
  printf '%-6s %-30s %-12s %-42s %s\n' "$res" "$label" "$user" "${argv:0:42}" "$detail"
done
echo
echo "harness: time per phase (seconds; $DRIVER storage${LAYERS:+, layer cache $STORE})"
awk -F'\t' '{ sub(/ .*/, "", $2); if ($1 ~ /^standin /) $2 = "standin " $2; t[$2] += $3; n[$2]++ }
  END { for (p in t) printf "  %8.1f  %-22s (%d)\n", t[p], p, n[p] }' "$TIMINGS" | sort -nr
echo "harness: $(( $(date +%s) - T0 ))s in all"
exit $failed
