#!/usr/bin/env bash
# ama's main job for now: encode the ARIs of examples/aris.txt to CBOR (with nicknames, so
# standard model names travel as integer enums) and decode the CBOR back, side by side.
# The last example is invalid on purpose: it shows the error line that takes its place.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ama="$here/../ama"

mapfile -t texts < "$here/aris.txt"
mapfile -t cbor < <("$ama" ari encode --nickname < "$here/aris.txt" || true)
# Decode only what encoded; an error line has nothing to decode.
mapfile -t back < <(printf '%s\n' "${cbor[@]}" | grep -v '^error:' | "$ama" ari decode --nickname || true)

j=0
for i in "${!texts[@]}"; do
  printf '%s\n  cbor: %s\n' "${texts[$i]}" "${cbor[$i]}"
  if [[ "${cbor[$i]}" != error:* ]]; then
    printf '  back: %s\n' "${back[$j]}"
    j=$((j + 1))
  fi
done
