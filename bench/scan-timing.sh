#!/usr/bin/env bash
# Whole-process wall time of ./bulwark scan: one file, and a directory of 1,000 Dockerfiles made
# from the golden fixtures. The JVM's own floor (java -version) is measured in the same run and
# every figure is also given as a ratio to it. Usage: bench/scan-timing.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
OUT=bench/out
CORPUS=$OUT/corpus-1000
mkdir -p "$OUT"

./bulwark --version >/dev/null   # builds the CLI and its AOT cache if needed
JAVA=$(cat bulwark-cli/target/java)

if [ ! -d "$CORPUS" ]; then
  mkdir -p "$CORPUS"
  mapfile -t sources < <(ls bulwark-dockerfile/src/test/resources/golden/*/Dockerfile examples/*/Dockerfile)
  for i in $(seq 0 999); do
    src=${sources[$((i % ${#sources[@]}))]}
    mkdir -p "$CORPUS/$i"
    { echo "# corpus copy $i of $src"; cat "$src"; } > "$CORPUS/$i/Dockerfile"
  done
fi

# Median wall time in milliseconds of RUNS runs of the given command (output discarded).
median_ms() {
  local times=()
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'
}

floor=$(median_ms "$JAVA" -version)
one=$(median_ms ./bulwark scan --no-fail examples/go-api/Dockerfile)
dir=$(median_ms ./bulwark scan --no-fail "$CORPUS")
files=$(find "$CORPUS" -name Dockerfile | wc -l)

echo "machine: $(nproc) cores; JVM: $("$JAVA" -version 2>&1 | head -n 1); runs: $RUNS (median)"
printf '%-40s %8s %18s\n' "command" "wall ms" "ratio to java -version"
printf '%-40s %8d %18.2f\n' "java -version (JVM floor, baseline)" "$floor" 1
printf '%-40s %8d %18.2f\n' "bulwark scan (1 file)" "$one" "$(echo "$one $floor" | awk '{print $1/$2}')"
printf '%-40s %8d %18.2f\n' "bulwark scan ($files files)" "$dir" "$(echo "$dir $floor" | awk '{print $1/$2}')"
