#!/usr/bin/env python3
"""Writes the registry bandwidth scenario (bench/README.md, "Registry sync bandwidth").

usage: generate.py CENTERS AGENTS_PER_CENTER [CHURN_PERCENT_PER_HOUR] > scenario.yaml

Centers form a ternary tree (center i syncs with its parent (i-1)//3 and its children), so each
change crosses every link once: the scaling law of the extrapolation. The churn is split evenly
over join, leave, vanish, flap and skill-change, each a share of a center's agents per hour.
"""
import sys

n = int(sys.argv[1])
agents = int(sys.argv[2])
churn = float(sys.argv[3]) if len(sys.argv) > 3 else 1.0
each = churn / 5

print(f"# Generated: examples/registry-scale/generate.py {n} {agents} {churn:g}")
print(f"name: registry-scale-{n}x{agents}")
print("seed: 1")
print("duration: 1h")
print("centers:")
for i in range(n):
    peers = ([f"c{(i - 1) // 3}"] if i > 0 else []) + [f"c{j}" for j in range(3 * i + 1, min(3 * i + 4, n))]
    print(f"  - {{name: c{i}, eid: 'ipn:{100 + i}.1', agents: {agents}, peers: [{', '.join(peers)}]}}")
print("links:")
for i in range(1, n):
    print(f"  - {{between: [c{(i - 1) // 3}, c{i}], delay: 100ms, rate: 1MB}}")
print("workload:")
print("  heartbeat: 30s")
print("  skills: [relay, storage, telemetry, imaging, routing, timing, weather, planning]")
print("  skills-per-agent: 2")
for k in ["join", "leave", "vanish", "flap", "skill-change"]:
    print(f"  {k}: {each:g}%/h")
print("registry:")
print("  heartbeat-timeout: 90s")
print("  retention: 1h")
print("  takeover-time: 6h")
