#!/usr/bin/env bash
# Layer streaming throughput: `bulwark sbom` on a real Debian image (OCI layout, gzip layers)
# against `gzip -dc` of the same layer blobs in the same run, whole process each, and the same
# bulwark run capped at a 256 MB heap. Builds the image with debootstrap/umoci (as the
# integration test does) when bulwark-image/target/real-image is missing; needs root.
# Usage: bench/image-throughput.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
WORK=bulwark-image/target/real-image
if [ ! -f "$WORK/oci/index.json" ]; then
  ./mvnw -q -B -pl bulwark-image -am install -Dtest=RealImageTest -Dsurefire.failIfNoSpecifiedTests=false
fi
./bulwark --version >/dev/null
mapfile -t blobs < <(find "$WORK/oci/blobs" -type f -size +1M)

ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
gz_all() { for b in "${blobs[@]}"; do gzip -dc "$b"; done; }

gz=$(for _ in $(seq "$RUNS"); do ms gz_all; done | median)
bw=$(for _ in $(seq "$RUNS"); do ms ./bulwark sbom "$WORK/oci:bookworm"; done | median)
if JAVA_TOOL_OPTIONS=-Xmx256m ./bulwark sbom "$WORK/oci:bookworm" >/dev/null 2>&1; then capped="completes"; else capped="FAILS"; fi
compressed=$(du -cb "${blobs[@]}" | tail -1 | cut -f1)
uncompressed=$(for b in "${blobs[@]}"; do gzip -dc "$b"; done | wc -c)

echo "image: $WORK/oci:bookworm, ${#blobs[@]} layer blob(s), $((compressed >> 20)) MiB compressed, $((uncompressed >> 20)) MiB uncompressed"
printf '%-44s %8s %10s\n' "command (median of $RUNS)" "wall ms" "MiB/s"
printf '%-44s %8d %10.0f\n' "gzip -dc of the layers (baseline)" "$gz" "$(echo "$uncompressed $gz" | awk '{print $1/1048576/($2/1000)}')"
printf '%-44s %8d %10.0f\n' "bulwark sbom (verify, walk, detect)" "$bw" "$(echo "$uncompressed $bw" | awk '{print $1/1048576/($2/1000)}')"
echo "bulwark throughput / gzip throughput: $(echo "$gz $bw" | awk '{printf "%.0f%%", 100*$1/$2}')"
echo "bulwark sbom with -Xmx256m: ${capped}"
