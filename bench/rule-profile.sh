#!/usr/bin/env bash
# Per-rule cost report: builds bulwark-bench and runs RuleProfile (single-threaded, the CLI's C1-only
# JIT) over the given directories, or over the generated real-world-shaped corpus of bench/realworld.sh.
# Prints parse, shared analyses and each rule's share of the total (WARMUP and PASSES set the passes).
# Usage: [WARMUP=1] [PASSES=3] bench/rule-profile.sh [DIR...]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_INFO=$(bin/find-java)
JAVA=${JAVA_INFO% *}
if [ $# -eq 0 ]; then
  CORPUS=bench/out/realworld-3200
  [ -d "$CORPUS" ] || "$JAVA" bench/RealWorldCorpus.java "$CORPUS" 3200 42
  set -- "$CORPUS"
fi
./mvnw -q -B -o -DskipTests -pl bulwark-bench -am package
CP="bulwark-bench/target/classes:$(ls bulwark-bench/target/lib/*.jar | tr '\n' ':')"
exec "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss4m -cp "$CP" dev.bulwark.bench.RuleProfile --warmup "${WARMUP:-1}" --passes "${PASSES:-3}" "$@"
