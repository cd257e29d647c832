# The worker with its local stack (saga-local.jar on the Temporal dev server) on free loopback
# ports, for the end-to-end scripts. Needs log, die, TMP, WORKER_JAR and CLI_JAR, and
# processes.sh's free_ports.

# Picks a gRPC port whose UI port (+ 1000) is free too, a Redis and an actuator port; exports
# TEMPORAL_ADDRESS, REDIS_URL and SAGA_LOCAL_DATADIR (where the CLI finds the development payload key).
local_stack_ports() {
  for _ in 1 2 3 4 5; do
    read -r TEMPORAL_PORT REDIS_PORT MGMT_PORT < <(free_ports 3)
    UI_PORT=$((TEMPORAL_PORT + 1000))
    python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', $UI_PORT))" 2>/dev/null && break
  done
  export TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT" REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  export SAGA_LOCAL_DATADIR="$TMP/local-data"
}

# Starts the worker (recovery parks a saga in the DLQ within seconds) and waits until it is ready;
# sets WORKER_PID. Its log: $TMP/worker.log.
start_local_worker() {
  MANAGEMENT_SERVER_PORT=$MGMT_PORT SAGA_LOCAL_ENGINE=dev-server \
  SAGA_RECOVERY_INTERVAL=2s SAGA_RECOVERY_GIVEUPAFTER=3s SAGA_SHUTDOWN_GRACEPERIOD=5s \
    setsid java -jar "$WORKER_JAR" >"$TMP/worker.log" 2>&1 &
  WORKER_PID=$!
  local deadline=$(($(date +%s) + 120))
  until curl -fs --max-time 2 "http://127.0.0.1:$MGMT_PORT/actuator/health/readiness" 2>/dev/null | grep -q UP; do
    kill -0 "$WORKER_PID" 2>/dev/null || { tail -n 30 "$TMP/worker.log" >&2; die "the worker exited (log above)"; }
    [ "$(date +%s)" -lt "$deadline" ] || die "the worker was not ready within 120 s (log $TMP/worker.log)"
    sleep 1
  done
}

saga() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$CLI_JAR" "$@"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }
