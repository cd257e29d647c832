#!/usr/bin/env bash
# The chaos run (docs/reliability.md): Temporal's standalone test server, a redis-server with
# append-only persistence and two replicas of the worker app's jar, all on free loopback ports;
# N payments over the sandbox's paths while one worker is SIGKILLed twice (and restarted) and
# Redis is SIGKILLed once (and restarted on its AOF); then every payment is audited through the
# sandbox ledger, the DLQ and Temporal. Prints one table of figures; exit 0 only when every
# promise held and every figure met its target.
#
#   scripts/chaos-run.sh            # 1000 payments (about 5 minutes on 2 cores)
#   scripts/chaos-run.sh --quick    # 200 payments, for CI (about 2 minutes)
#   scripts/chaos-run.sh --providers postgres,http   # on PostgreSQL and the PSP simulator, plus a
#                                   # PostgreSQL restart, a simulator SIGKILL and Redis losing its data
#   scripts/chaos-run.sh --help     # every option (--payments, --rate, --seed, --work-dir ...)
#
# --providers postgres,http also needs PostgreSQL's binaries (bash scripts/postgres.sh install) and
# psp-simulator/target/psp-simulator.jar.
# Needs the built jars (./mvnw -B verify, or ./mvnw -B -DskipTests package) and a JDK 17+.
# Installs Debian's redis-server package when no redis-server is on the PATH (it runs its own
# redis-server process on a free port, never the packaged service or a Redis already running).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/run-reliability.sh
run_reliability org.paysaga.reliability.chaos.ChaosRun "$@"
