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

# Interleaved pairs (gzip, then bulwark): on a shared machine the speed drifts between runs, so
# each bulwark run is compared with the gzip run just before it and the median ratio is reported.
gz_times=(); bw_times=(); ratios=()
for _ in $(seq "$RUNS"); do
  g=$(ms gz_all); b=$(ms ./bulwark sbom "$WORK/oci:bookworm")
  gz_times+=("$g"); bw_times+=("$b"); ratios+=("$(echo "$g $b" | awk '{printf "%.0f", 100*$1/$2}')")
done
gz=$(printf '%s\n' "${gz_times[@]}" | median)
bw=$(printf '%s\n' "${bw_times[@]}" | median)
ratio=$(printf '%s\n' "${ratios[@]}" | median)
if JAVA_TOOL_OPTIONS=-Xmx256m ./bulwark sbom "$WORK/oci:bookworm" >/dev/null 2>&1; then capped="completes"; else capped="FAILS"; fi
compressed=$(du -cb "${blobs[@]}" | tail -1 | cut -f1)
uncompressed=$(for b in "${blobs[@]}"; do gzip -dc "$b"; done | wc -c)

echo "image: $WORK/oci:bookworm, ${#blobs[@]} layer blob(s), $((compressed >> 20)) MiB compressed, $((uncompressed >> 20)) MiB uncompressed"
printf '%-44s %8s %10s\n' "command (median of $RUNS)" "wall ms" "MiB/s"
printf '%-44s %8d %10.0f\n' "gzip -dc of the layers (baseline)" "$gz" "$(echo "$uncompressed $gz" | awk '{print $1/1048576/($2/1000)}')"
printf '%-44s %8d %10.0f\n' "bulwark sbom (verify, walk, detect)" "$bw" "$(echo "$uncompressed $bw" | awk '{print $1/1048576/($2/1000)}')"
echo "bulwark throughput / gzip throughput, median of the pairs: ${ratio}% (pairs: ${ratios[*]})"
echo "bulwark sbom with -Xmx256m: ${capped}"
