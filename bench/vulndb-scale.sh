#!/usr/bin/env bash
# Memory at real feed scale: `bulwark db import` of an OSV all.zip shaped like npm's (250,000 records by default,
# written by bench/osv-zip-scale.js, about 400 MB stored), whole process, under a 512 MB heap (half the launcher's
# default cap), with its wall time and peak RSS from /usr/bin/time. The import must finish, not run out of memory.
# Usage: bench/vulndb-scale.sh [RECORDS]   (needs node and /usr/bin/time: Debian's `time` package)
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${1:-250000}
OUT=bench/out/vulndb-scale
mkdir -p "$OUT"
[ -f "$OUT/all-$RECORDS.zip" ] || node bench/osv-zip-scale.js "$OUT/all-$RECORDS.zip" "$RECORDS"
./bulwark --version >/dev/null
rm -rf "$OUT/db"
echo "all.zip: $(du -m "$OUT/all-$RECORDS.zip" | cut -f1) MB, $RECORDS records"
BULWARK_JAVA_OPTS=-Xmx512m /usr/bin/time -v ./bulwark db import --db "$OUT/db" "$OUT/all-$RECORDS.zip" >"$OUT/import.out" 2>"$OUT/import.err" || {
  echo "import failed:"; tail -5 "$OUT/import.err"; exit 1; }
tail -2 "$OUT/import.out"
grep -E 'Elapsed|Maximum resident' "$OUT/import.err" | sed 's/^\t//'
