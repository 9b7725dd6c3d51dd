#!/usr/bin/env bash
# Runs ./bulwark scan over generated hostile Dockerfiles with -Xmx512m under /usr/bin/time -v and
# prints wall time and peak RSS per input; fails when any input takes over 30 s or 1 GB.
# Needs only the JDK, coreutils and GNU time. Usage: bench/hostile-dockerfiles.sh [NAME...]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out/hostile
mkdir -p "$OUT"
LIMIT_S=30
LIMIT_KB=$((1024 * 1024))

./bulwark --version >/dev/null   # builds the CLI if needed
JAVA=$(cat bulwark-cli/target/java)
CP=$(cat bulwark-cli/target/classpath)

# Each generator writes one Dockerfile to stdout.
gen_env_doubling()  { echo "FROM alpine"; echo "ENV A=a"; for _ in $(seq 30); do echo 'ENV A=$A$A'; done; echo 'RUN echo $A'; }
gen_env_10k_keys()  { echo "FROM alpine"; printf 'ENV'; for i in $(seq 10000); do printf ' K%d=$K%d' "$i" "$i"; done; echo; }
gen_env_20k_lines() { echo "FROM alpine"; for i in $(seq 20000); do echo "ENV K$i=v$i"; done; echo 'RUN echo $K1'; }
gen_arg_20k_lines() { echo "FROM alpine"; for i in $(seq 20000); do echo "ARG K$i=v$i"; done; echo 'RUN echo $K1'; }
gen_stages_100k()   { echo "FROM alpine AS s0"; for i in $(seq 100000); do echo "FROM s$((i - 1)) AS s$i"; done; }
gen_run_4mb()       { echo "FROM golang"; printf 'RUN go build'; head -c 4000000 /dev/zero | tr '\0' 'x' | fold -w 40 | sed 's/^/ -ldflags=/' | tr '\n' ' '; echo; }
gen_dup_flags()     { echo "FROM alpine"; printf 'COPY'; for _ in $(seq 50000); do printf ' --chown=root'; done; echo ' a b'; }
gen_mixed_16mb()    {
  local block i=0
  block=$(cat bulwark-dockerfile/src/test/resources/golden/*/Dockerfile)
  while [ "$i" -lt 400 ]; do printf '%s\n' "$block"; i=$((i + 1)); done | head -c 16000000
}

names=("$@")
[ ${#names[@]} -gt 0 ] || names=(env_doubling env_10k_keys env_20k_lines arg_20k_lines stages_100k run_4mb dup_flags mixed_16mb)
fail=0
printf '%-16s %10s %10s %12s %s\n' input bytes seconds peak_rss_mb exit
for n in "${names[@]}"; do
  f="$OUT/$n.Dockerfile"
  [ -s "$f" ] || "gen_$n" > "$f"
  /usr/bin/time -v -o "$OUT/$n.time" timeout 120 "$JAVA" -Xmx512m -Xss4m -cp "$CP" dev.bulwark.cli.Main scan --no-fail "$f" \
    >"$OUT/$n.out" 2>"$OUT/$n.err" && rc=0 || rc=$?
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/$n.time" | awk -F: '{s=0; for (i=1;i<=NF;i++) s=s*60+$i; print s}')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$n.time")
  printf '%-16s %10s %10s %12s %s\n' "$n" "$(stat -c %s "$f")" "$wall" "$((rss / 1024))" "$rc"
  if [ "$rc" -ne 0 ] || [ "$(awk -v w="$wall" -v l="$LIMIT_S" 'BEGIN {print (w > l)}')" = 1 ] || [ "$rss" -gt "$LIMIT_KB" ]; then
    fail=1
  fi
done
exit $fail
