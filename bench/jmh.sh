#!/usr/bin/env bash
# In-process parse throughput (JMH): files/s and MB/s of parse, parse+model and full analysis,
# each with its ratio to a baseline (UTF-8 decode + line split) measured in the same run.
# Usage: bench/jmh.sh [CORPUS_DIR] [SECONDS_PER_ITERATION]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl bulwark-bench -am package
JAVA_INFO=$(bin/find-java)
JAVA=${JAVA_INFO% *}
CP="bulwark-bench/target/classes:$(ls bulwark-bench/target/lib/*.jar | tr '\n' ':')"
exec "$JAVA" -cp "$CP" dev.bulwark.bench.BenchMain "${1:-bulwark-dockerfile/src/test/resources/golden}" "${2:-2}"
