#!/usr/bin/env bash
# The benchmark of docs/BENCHMARKS.md: the payment saga as shipped (A) against a bare Temporal
# workflow with the same four sandbox activities (B), alternating A/B and B/A round by round, each
# measurement on a fresh Temporal dev server (its own SQLite file; --engine test-server for
# Temporal's Java test server) and a fresh worker JVM, against one redis-server of its own
# (append-only). Prints Markdown tables: throughput, latency percentiles, A/B ratios, Redis
# commands and round trips per saga, Redis memory per finished saga, worker CPU and RSS.
#
#   scripts/benchmark.sh                         # 3 rounds x 1000 sagas (about 30 minutes on 2 cores)
#   scripts/benchmark.sh --rounds 1 --sagas 200  # a quick look
#   scripts/benchmark.sh --help
#
# Needs the built jars (./mvnw -B -DskipTests package) and a JDK 17+; installs Debian's
# redis-server package when no redis-server is on the PATH. Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/run-reliability.sh
run_reliability org.paysaga.reliability.bench.Benchmark "$@"
