#!/usr/bin/env bash
# Runs `bulwark sbom` over generated hostile images (HostileImages in bulwark-image's tests: RPM
# databases that hang, truncated and malformed tars, nested-jar fan-out, zip bombs, hundreds of Go
# binaries, package databases padded past the limits) with -Xmx512m under /usr/bin/time -v, and
# prints wall time, peak RSS and the exit code per input, with whether the output says what it must.
# Fails when any input takes over 30 s or 1 GB, exits other than expected, prints a stack trace, or
# leaves a file in its private temporary directory. Needs the JDK, coreutils and GNU time.
# Usage: [LIMIT_ON=cpu] bench/hostile-images.sh [NAME...]     (CLI=DIR runs another build's jars: DIR/bulwark-cli-*.jar and DIR/lib)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out/hostile-images
mkdir -p "$OUT"
LIMIT_S=30
LIMIT_KB=$((1024 * 1024))

./bulwark --version >/dev/null   # builds the CLI if needed
JAVA=$(cat bulwark-cli/target/java)
if [ -n "${CLI:-}" ]; then
  CP=$(ls "$CLI"/bulwark-cli-*.jar | head -n 1)
  for jar in "$CLI"/lib/*.jar; do CP="$CP:$jar"; done
else
  CP=$(cat bulwark-cli/target/classpath)
fi
[ -d bulwark-image/target/test-classes/dev ] || ./mvnw -B -o -q -pl bulwark-image -am test-compile >&2
GEN_CP="bulwark-image/target/test-classes:$(cat bulwark-cli/target/classpath)"
"$JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$GEN_CP" dev.bulwark.image.HostileImages "$OUT/inputs" > "$OUT/inputs.tsv"

fail=0
printf '%-34s %8s %8s %12s %5s %s\n' input seconds cpu_s peak_rss_mb exit verdict
while IFS=$'\t' read -r name path want_exit want_text; do
  if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$name"; then continue; fi
  tmp="$OUT/tmp-$name"; rm -rf "$tmp"; mkdir -p "$tmp"
  /usr/bin/time -v -o "$OUT/$name.time" timeout 120 "$JAVA" -Xmx512m -Xss4m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \
    -Djava.io.tmpdir="$tmp" -cp "$CP" dev.bulwark.cli.Main sbom --format json "$path" >"$OUT/$name.out" 2>"$OUT/$name.err" && rc=0 || rc=$?
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/$name.time" | awk -F: '{s=0; for (i=1;i<=NF;i++) s=s*60+$i; print s}')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$name.time")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$OUT/$name.time")
  # on a shared machine wall time measures the neighbours: LIMIT_ON=cpu checks CPU seconds instead
  measured=$wall; [ "${LIMIT_ON:-wall}" = cpu ] && measured=$cpu
  verdict=ok
  [ "$rc" = "$want_exit" ] || verdict="exit $rc, expected $want_exit"
  grep -qF -- "$want_text" "$OUT/$name.out" "$OUT/$name.err" || verdict="$verdict; no '$want_text'"
  ! grep -q $'^\tat \|Exception' "$OUT/$name.err" || verdict="$verdict; stack trace or exception"
  [ -z "$(ls -A "$tmp")" ] || verdict="$verdict; left $(ls -A "$tmp" | head -3 | tr '\n' ' ')in its temporary directory"
  [ "$(awk -v w="$measured" -v l="$LIMIT_S" 'BEGIN {print (w > l)}')" = 0 ] || verdict="$verdict; over ${LIMIT_S} s"
  [ "$rss" -le "$LIMIT_KB" ] || verdict="$verdict; over 1 GB"
  printf '%-34s %8s %8s %12s %5s %s\n' "$name" "$wall" "$cpu" "$((rss / 1024))" "$rc" "$verdict"
  [ "$verdict" = ok ] || fail=1
  rm -rf "$tmp"
done < "$OUT/inputs.tsv"
exit $fail
