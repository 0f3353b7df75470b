#!/usr/bin/env bash
# ama's main job for now: encode the ARIs of examples/aris.txt to CBOR (with nicknames, so
# standard model names travel as integer enums) and decode them back, side by side.
# The last example is invalid on purpose: it shows the error line that takes its place.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ama="$here/../ama"
paste -d '\n' "$here/aris.txt" \
  <("$ama" ari encode --nickname < "$here/aris.txt" | sed 's/^/  cbor: /') \
  <("$ama" ari encode --nickname < "$here/aris.txt" | "$ama" ari decode --nickname | sed 's/^/  back: /')
exit 0
