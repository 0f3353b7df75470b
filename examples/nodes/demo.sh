#!/usr/bin/env bash
# A manager and two agents on loopback TCP, each a real `ama node` process with its own H2 files:
# the manager learns the agents from their hello reports, sends a PROD, receives the periodic
# reports, then sees an agent's state-based rule fire when a sensor value crosses its threshold.
# Everything stops cleanly (SIGTERM) at the end. Takes about half a minute.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ama="$here/../../ama"
mgr=http://127.0.0.1:8101

# Start from empty data directories, so the output is the same on every run.
rm -rf "$here/data"
mkdir -p "$here/data/logs"
echo 21 > "$here/values/agent-2-temperature"
echo 19 > "$here/values/agent-3-temperature"

pids=()
stop() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  echo 21 > "$here/values/agent-2-temperature"
}
trap stop EXIT

for n in manager agent-2 agent-3; do
  "$ama" node --config "$here/$n.yaml" > "$here/data/logs/$n.log" 2>&1 &
  pids+=($!)
done
# Wait until the three APIs answer.
for port in 8101 8102 8103; do
  for _ in $(seq 1 100); do
    "$ama" status --node "http://127.0.0.1:$port" > /dev/null 2>&1 && break
    sleep 0.2
  done
done
echo "== three nodes running (logs in examples/nodes/data/logs)"

for _ in $(seq 1 50); do
  [ "$("$ama" agents --node $mgr | grep -c '^ipn:')" -ge 2 ] && break
  sleep 0.2
done
echo; echo "== ama agents --node $mgr"
"$ama" agents --node $mgr

echo; echo "== ama send --node $mgr --to ipn:2.1 'PROD(1s, temperature) TO \"ipn:1.1\"'"
"$ama" send --node $mgr --to ipn:2.1 'PROD(1s, temperature) TO "ipn:1.1"'
sleep 3.5
echo; echo "== ama reports --node $mgr --agent ipn:2.1 --since -3s"
"$ama" reports --node $mgr --agent ipn:2.1 --since -3s

echo; echo "== agent 2's sensor reads 35: its startup rule 'too-hot' (temperature > 30) reports"
echo "   (temperature, load) at once, then at most once a second while it stays hot"
echo 35 > "$here/values/agent-2-temperature"
sleep 2
"$ama" reports --node $mgr --agent ipn:2.1 --since -3s | grep -F 'EDD/load' || true

echo; echo "== ama status --node http://127.0.0.1:8102 (agent 2: rules and counters)"
"$ama" status --node http://127.0.0.1:8102 | sed -n '/^agent:/,/^transport:/p' | grep -v '^transport:'
echo; echo "== stopping the nodes (SIGTERM)"
