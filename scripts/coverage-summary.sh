#!/usr/bin/env bash
# Line coverage per shipped module, from the report `./mvnw verify` writes
# (coverage/target/site/jacoco-aggregate/jacoco.csv; the floor itself is enforced by verify).
set -euo pipefail
csv="${1:-$(dirname "$0")/../coverage/target/site/jacoco-aggregate/jacoco.csv}"
[[ -f "$csv" ]] || { echo "coverage-summary: no report at $csv (run ./mvnw -B verify first)" >&2; exit 1; }
awk -F, 'NR > 1 {
    gsub(/"/, "", $1); n = split($1, group, "/"); module = group[n]
    missed[module] += $8; covered[module] += $9; allMissed += $8; allCovered += $9
  }
  END {
    printf "%-14s %7s %13s\n", "module", "lines", "covered"
    for (m in missed) printf "%-14s %6.1f%% %6d of %-6d\n", m, 100 * covered[m] / (missed[m] + covered[m]), covered[m], missed[m] + covered[m]
    printf "%-14s %6.1f%% %6d of %-6d\n", "all", 100 * allCovered / (allMissed + allCovered), allCovered, allMissed + allCovered
  }' "$csv"
