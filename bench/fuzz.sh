#!/usr/bin/env bash
# A fuzzing campaign outside CI: runs each Jazzer target of bulwark-fuzz with coverage feedback
# (JAZZER_FUZZ=1) for MINUTES (default 30), one at a time and niced, then prints per target the
# executions, the generated corpus size and the new crashing inputs. Jazzer writes every crashing
# input straight into the target's regression folder
# (bulwark-fuzz/src/test/resources/dev/bulwark/fuzz/<Class>Inputs/<method>/crash-*), so a plain
# ./mvnw verify replays it from then on; the corpus grows in bulwark-fuzz/.cifuzz-corpus (ignored by
# git). Logs: bench/out/fuzz/<target>.log.
#
# Usage: bench/fuzz.sh [MINUTES] [Class#method ...]   e.g. bench/fuzz.sh 5 ShellFuzzTest#parse
# Without targets: every @FuzzTest not marked @Disabled.
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-30}   # may be a fraction: 0.5 is 30 s
SECONDS_EACH=$(awk -v m="$MINUTES" 'BEGIN { printf "%d", m * 60 }')
[ $# -gt 0 ] && shift
SRC=bulwark-fuzz/src/test/java/dev/bulwark/fuzz
INPUTS=bulwark-fuzz/src/test/resources/dev/bulwark/fuzz
OUT=bench/out/fuzz
mkdir -p "$OUT"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  # Class#method for each @FuzzTest method whose annotations do not include @Disabled
  while read -r t; do targets+=("$t"); done < <(
    for f in "$SRC"/*FuzzTest.java; do
      awk -v c="$(basename "$f" .java)" '
        /@FuzzTest/ { fuzz = 1; disabled = 0; next }
        fuzz && /@Disabled/ { disabled = 1; next }
        fuzz && /void [a-zA-Z0-9_]+\(/ { match($0, /void [a-zA-Z0-9_]+\(/); m = substr($0, RSTART + 5, RLENGTH - 6); if (!disabled) print c "#" m; fuzz = 0 }
      ' "$f"
    done)
fi

# Build once; each target then runs in its own JVM (Jazzer fuzzes one target per JVM) with the
# test class path and the JVM flags of bulwark-fuzz's surefire configuration.
CP_FILE=$PWD/bulwark-fuzz/target/fuzz.classpath
nice -n 10 ./mvnw -B -q -o -pl bulwark-fuzz -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
CP=$PWD/bulwark-fuzz/target/test-classes:$(cat "$CP_FILE")
# the JDK ./mvnw runs on (JAVA_HOME, or the newest >= 21 under /usr/lib/jvm)
JAVA=$(./mvnw -v | sed -n 's/.*, runtime: //p')/bin/java

crashes() { ls "$INPUTS/${1%%#*}Inputs/${1##*#}" 2>/dev/null | grep -E '^(crash|timeout|oom|slow-unit)-' | sort || true; }

summary=()
for t in "${targets[@]}"; do
  cls=${t%%#*}; method=${t##*#}
  before=$(crashes "$t")
  log="$OUT/$cls.$method.log"
  echo "fuzzing $t for $MINUTES min (log: $log)" >&2
  # -max_total_time overrides @FuzzTest's maxDuration; keep_going lets one run report several distinct findings.
  (cd bulwark-fuzz && JAZZER_FUZZ=1 nice -n 10 "$JAVA" -Xss4m -Xmx512m -XX:+EnableDynamicAgentLoading -XX:-OmitStackTraceInFastThrow \
      --enable-native-access=ALL-UNNAMED -cp "$CP" \
      -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time=$SECONDS_EACH -Djazzer.internal.arg.2=-timeout=60 \
      -Djazzer.keep_going=20 dev.bulwark.fuzz.FuzzMain "$cls#$method") >"$log" 2>&1 || true
  # libFuzzer's last status line (#N ... corp: N/...) or its "Done N runs" line
  execs=$(grep -aoE '^(Done [0-9]+ runs|#[0-9]+)' "$log" | tail -1 | grep -oE '[0-9]+' | head -1 || true)
  # libFuzzer's own count of the inputs it keeps (the directory also holds inputs it has since reduced)
  corpus=$(grep -aoE 'corp: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  new=$(comm -13 <(echo "$before") <(crashes "$t") | grep -c . || true)
  summary+=("$(printf '%-40s %4s min %12s execs %7s corpus %4s new crashes' "$t" "$MINUTES" "${execs:-?}" "${corpus:-?}" "$new")")
  comm -13 <(echo "$before") <(crashes "$t") | sed "s|^|  new: $INPUTS/${cls}Inputs/$method/|" >&2
done
printf '%s\n' "${summary[@]}" | tee "$OUT/summary.txt"
