#!/usr/bin/env bash
# Interleaved before/after runs of `bulwark sbom --format json` on generated hostile images (see
# hostile-images.sh, which generates them into bench/out/hostile-images/inputs): each run of the
# BEFORE build is followed by one of the AFTER build, with the same flags as hostile-images.sh
# (-Xmx512m, Serial GC), and the medians of CPU seconds (user+system) and peak RSS are printed per
# build. On a shared machine wall time measures the neighbours; CPU seconds are what is compared.
# Usage: BEFORE=DIR [AFTER=DIR] [RUNS=3] bench/hostile-images-compare.sh NAME...
#   DIR holds a build's bulwark-cli-*.jar and lib/ (copy bulwark-cli/target after ./bulwark --version);
#   AFTER defaults to this worktree's build.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
OUT=bench/out/hostile-images
[ -f "$OUT/inputs.tsv" ] || { echo "run bench/hostile-images.sh first (it generates the inputs)" >&2; exit 2; }
./bulwark --version >/dev/null
JAVA=$(cat bulwark-cli/target/java)
cp_of() {
  if [ -z "${1:-}" ]; then cat bulwark-cli/target/classpath; return; fi
  local cp; cp=$(ls "$1"/bulwark-cli-*.jar | head -n 1)
  for jar in "$1"/lib/*.jar; do cp="$cp:$jar"; done
  echo "$cp"
}
BEFORE_CP=$(cp_of "${BEFORE:?BEFORE=DIR is required}")
AFTER_CP=$(cp_of "${AFTER:-}")
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() { # classpath input -> "cpu_s rss_mb exit"
  local t="$OUT/compare.time" rc
  /usr/bin/time -v -o "$t" "$JAVA" -Xmx512m -Xss4m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -cp "$1" dev.bulwark.cli.Main \
    sbom --format json "$2" >/dev/null 2>&1 && rc=0 || rc=$?
  echo "$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$t") $(( $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$t") / 1024 )) $rc"
}
printf '%-34s %6s %10s %10s %12s %12s\n' input runs before_cpu after_cpu before_rss_mb after_rss_mb
for name in "$@"; do
  path=$(awk -F'\t' -v n="$name" '$1 == n {print $2}' "$OUT/inputs.tsv")
  [ -n "$path" ] || { echo "no input named $name in $OUT/inputs.tsv" >&2; exit 2; }
  b_cpu=(); a_cpu=(); b_rss=(); a_rss=()
  for _ in $(seq "$RUNS"); do
    read -r c r _ < <(run "$BEFORE_CP" "$path"); b_cpu+=("$c"); b_rss+=("$r")
    read -r c r _ < <(run "$AFTER_CP" "$path"); a_cpu+=("$c"); a_rss+=("$r")
  done
  printf '%-34s %6s %10s %10s %12s %12s\n' "$name" "$RUNS" "$(printf '%s\n' "${b_cpu[@]}" | median)" "$(printf '%s\n' "${a_cpu[@]}" | median)" \
    "$(printf '%s\n' "${b_rss[@]}" | median)" "$(printf '%s\n' "${a_rss[@]}" | median)"
done
