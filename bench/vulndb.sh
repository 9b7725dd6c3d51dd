#!/usr/bin/env bash
# The vulnerability database budget (JMH): open the database and match 1,000 packages, <= 150 ms together.
# Usage: bench/vulndb.sh [SECONDS_PER_ITERATION]   (needs ../shared/data, or BULWARK_DATA=DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o -DskipTests -pl bulwark-bench -am package
JAVA_INFO=$(bin/find-java)
JAVA=${JAVA_INFO% *}
CP="bulwark-bench/target/classes:$(ls bulwark-bench/target/lib/*.jar | tr '\n' ':')"
exec "$JAVA" -Dbulwark.data="${BULWARK_DATA:-$(cd .. && pwd)/shared/data}" -cp "$CP" dev.bulwark.bench.VulnDbBenchMain "${1:-2}"
