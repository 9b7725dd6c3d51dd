#!/usr/bin/env bash
# Version comparison cost (JMH): µs for 1,000 typical version pairs per scheme, and 1,000 npm range checks.
# Usage: bench/versions.sh [SECONDS_PER_ITERATION]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl bulwark-bench -am package
JAVA_INFO=$(bin/find-java)
JAVA=${JAVA_INFO% *}
CP="bulwark-bench/target/classes:$(ls bulwark-bench/target/lib/*.jar | tr '\n' ':')"
exec "$JAVA" -cp "$CP" dev.bulwark.bench.VersionBenchMain "${1:-1}"
