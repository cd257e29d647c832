#!/usr/bin/env bash
# How the saga layer's Redis side scales, against a redis-server of its own (append-only, as
# deployed): one sweep against in-flight registries of 10k, 100k and 1M sagas (the page read and
# the real sweep on the Temporal dev server), the time from Temporal ending a saga (terminate, run
# timeout) to its DLQ entry with 1k and 100k registered, saga dlq size / list against a DLQ of 100k entries
# (the CLI jar and the store in-process), and the memory 1M finished sagas keep for the 7-day
# idempotency window. Prints Markdown tables.
#
#   scripts/scale-curves.sh                                  # everything (about 8 minutes on 2 shared cores)
#   scripts/scale-curves.sh --only sweeper --sweeps 0        # the page reads only, no Temporal
#   scripts/scale-curves.sh --only detection --detection-sizes 1k
#   scripts/scale-curves.sh --only memory --memory-sizes 10k,100k,300k
#   scripts/scale-curves.sh --help
#
# Needs the built jars (./mvnw -B -DskipTests package) and a JDK 17+; installs Debian's
# redis-server package when no redis-server is on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

cli_jar=starter-cli/target/saga-cli.jar
[ -f "$cli_jar" ] || { echo "$cli_jar is missing: build first (./mvnw -B -DskipTests package)" >&2; exit 2; }
source scripts/lib/run-reliability.sh
run_reliability org.paysaga.reliability.scale.ScaleCurves "$@"
