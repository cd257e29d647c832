#!/usr/bin/env bash
# The benchmark of docs/BENCHMARKS.md: the payment saga as shipped (A) against a bare Temporal
# workflow with the same four sandbox activities (B), alternating A/B and B/A round by round, each
# measurement on a fresh Temporal test server and a fresh worker JVM, against one redis-server of
# its own (append-only). Prints Markdown tables: throughput, latency percentiles, A/B ratios, Redis
# commands and round trips per saga, Redis memory per finished saga, worker CPU and RSS.
#
#   scripts/benchmark.sh                         # 3 rounds x 1000 sagas (about 10 minutes on 2 cores)
#   scripts/benchmark.sh --rounds 1 --sagas 200  # a quick look
#   scripts/benchmark.sh --help
#
# Needs the built jars (./mvnw -B -DskipTests package) and a JDK 17+; installs Debian's
# redis-server package when no redis-server is on the PATH. Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."

RELIABILITY_JAR=reliability/target/saga-reliability.jar
WORKER_JAR=worker-app/target/worker-app.jar
for jar in "$RELIABILITY_JAR" "$WORKER_JAR"; do
  [ -f "$jar" ] || { echo "$jar is missing: build first (./mvnw -B -DskipTests package)" >&2; exit 2; }
done

source scripts/lib/install-debian-package.sh
install_debian_package redis-server redis-server redis-server

exec java -Xmx1g -cp "$RELIABILITY_JAR" org.paysaga.reliability.bench.Benchmark \
  --worker-jar "$WORKER_JAR" --redis-server "$(command -v redis-server)" "$@"
