#!/usr/bin/env bash
# Heap and time on a large image: builds a synthetic OCI layout with one ~SIZE_MIB layer
# (a quarter random bytes, the rest compressible text, in 1 MiB files across directories,
# plus a dpkg status file), then runs `bulwark sbom` on it with a 256 MB heap cap, against
# `gzip -dc` of the same layer in the same run.
# Usage: bench/big-image.sh [SIZE_MIB]   (default 1024; needs about 3x that in free disk)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-1024}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ROOT="$WORK/rootfs"
mkdir -p "$ROOT/var/lib/dpkg" "$ROOT/etc"
printf 'PRETTY_NAME="Synthetic"\nID=debian\nVERSION_ID="12"\n' > "$ROOT/etc/os-release"
printf 'Package: base-files\nStatus: install ok installed\nArchitecture: amd64\nVersion: 12.4\n\n' > "$ROOT/var/lib/dpkg/status"
for i in $(seq 1 "$SIZE"); do
  d="$ROOT/data/$((i % 32))"
  mkdir -p "$d"
  if (( i % 4 == 0 )); then head -c 1048576 /dev/urandom > "$d/f$i"; else { yes "line $i of some compressible text" || true; } | head -c 1048576 > "$d/f$i"; fi
done
mkdir -p "$WORK/oci/blobs/sha256"
tar -C "$ROOT" -cf - . | gzip -1 > "$WORK/layer.tar.gz"
diff_id=$(gzip -dc "$WORK/layer.tar.gz" | sha256sum | cut -d' ' -f1)
layer=$(sha256sum "$WORK/layer.tar.gz" | cut -d' ' -f1)
mv "$WORK/layer.tar.gz" "$WORK/oci/blobs/sha256/$layer"
blob() { local d; d=$(printf '%s' "$1" | sha256sum | cut -d' ' -f1); printf '%s' "$1" > "$WORK/oci/blobs/sha256/$d"; echo "$d ${#1}"; }
read -r cfg cfg_size < <(blob "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"User\":\"1000\"},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:$diff_id\"]}}")
read -r man man_size < <(blob "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$cfg\",\"size\":$cfg_size},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$layer\",\"size\":$(stat -c %s "$WORK/oci/blobs/sha256/$layer")}]}")
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"big"}}]}' "$man" "$man_size" > "$WORK/oci/index.json"
printf '{"imageLayoutVersion":"1.0.0"}' > "$WORK/oci/oci-layout"

./bulwark --version >/dev/null
ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null || return 1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
gz=$(ms gzip -dc "$WORK/oci/blobs/sha256/$layer")
bw=$(JAVA_TOOL_OPTIONS=-Xmx256m ms ./bulwark sbom "$WORK/oci") || { echo "bulwark sbom FAILED with -Xmx256m"; exit 1; }
uncompressed=$(gzip -dc "$WORK/oci/blobs/sha256/$layer" | wc -c)
echo "image: one layer, $(( $(stat -c %s "$WORK/oci/blobs/sha256/$layer") >> 20 )) MiB compressed, $((uncompressed >> 20)) MiB uncompressed"
echo "gzip -dc: $gz ms; bulwark sbom with -Xmx256m: $bw ms (completed); throughput ratio $(echo "$gz $bw" | awk '{printf "%.0f%%", 100*$1/$2}')"
