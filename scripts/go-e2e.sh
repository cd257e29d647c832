#!/usr/bin/env bash
# The Go client (clients/go) end to end, against the real Temporal dev server and the Java worker:
# starts the worker with its local stack (saga-local.jar, SAGA_LOCAL_ENGINE=dev-server; recovery
# gives up within seconds so a refund-failure saga parks in the DLQ), then
#   - the Java CLI pays one payment (Java writes, Go reads it and its encrypted input),
#   - the Go end-to-end test: every demo path to its outcome, the lock, a refund, a terminated saga
#     read FAILED, a bad request refused with nothing started,
#   - the Java CLI reads a payment Go started (Go writes, Java reads).
# Both sides use the local stack's development payload key ($SAGA_LOCAL_DATADIR/payload-dev.keys).
#
#   scripts/go-e2e.sh      # about a minute; KEEP_TMP=1 keeps the logs of a passing run
#
# Needs the built jars (WORKER_JAR, CLI_JAR override their paths), the Temporal CLI
# (scripts/temporal.sh install), Go and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORKER_JAR=${WORKER_JAR:-local-stack/target/saga-local.jar}
CLI_JAR=${CLI_JAR:-starter-cli/target/saga-cli.jar}
START_TS=$(date +%s)
log() { printf '[%3ds] %s\n' "$(($(date +%s) - START_TS))" "$*"; }
die() { printf '[%3ds] ERROR: %s\n' "$(($(date +%s) - START_TS))" "$*" >&2; exit 1; }

for jar in "$WORKER_JAR" "$CLI_JAR"; do
  [ -f "$jar" ] || die "$jar is missing: build first (./mvnw -B -DskipTests package)"
done
for tool in java go python3 curl; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required and not on the PATH"
done
bash scripts/temporal.sh path >/dev/null || die "no Temporal CLI: run scripts/temporal.sh install"
source scripts/lib/processes.sh

TMP=$(mktemp -d "${TMPDIR:-/tmp}/saga-go-e2e.XXXXXX")
WORKER_PID=""
GATEWAY_PID=""
PASSED=false
cleanup() {
  local rc=$?
  set +e
  log "stopping the gateway and the worker"
  stop_process "$GATEWAY_PID" 10
  stop_process "$WORKER_PID" 40
  if $PASSED && [ "${KEEP_TMP:-0}" != 1 ]; then rm -rf "$TMP"; else echo "Logs kept in $TMP" >&2; fi
  log "done (exit $rc)"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

source scripts/lib/local-worker.sh
local_stack_ports

log "starting the worker with its local stack (dev server at $TEMPORAL_ADDRESS)"
start_local_worker
KEYFILE=$SAGA_LOCAL_DATADIR/payload-dev.keys
[ -s "$KEYFILE" ] || die "the local stack wrote no development key at $KEYFILE"
log "worker ready"

PREFIX="go-e2e-$(date +%s)-"
log "Java writes: saga pay ${PREFIX}java"
saga pay --payment-no "${PREFIX}java" --merchant m_java --amount 5.00 --currency JPY --card-token tok_visa --wait --timeout 2m \
  >"$TMP/java-pay.out" 2>&1 || { cat "$TMP/java-pay.out" >&2; die "the Java CLI's payment did not complete"; }

log "the Go client's end-to-end test"
(cd clients/go && PAYSAGA_E2E_TEMPORAL=$TEMPORAL_ADDRESS PAYSAGA_E2E_KEYFILE=$KEYFILE \
  PAYSAGA_E2E_JAVA_PAYMENT="${PREFIX}java" PAYSAGA_E2E_PREFIX="$PREFIX" \
  go test -mod=readonly -count=1 -run 'TestEndToEnd' -v ./...) 2>&1 | tee "$TMP/go-test.out" | grep -E '^(=== RUN|--- |\s+--- |ok|FAIL|PASS)' || true
grep -q '^ok' "$TMP/go-test.out" || { tail -n 40 "$TMP/go-test.out" >&2; die "the Go end-to-end test failed (log $TMP/go-test.out)"; }
grep -q -- '--- SKIP' "$TMP/go-test.out" && die "a Go end-to-end test was skipped"

log "Java reads: saga status ${PREFIX}visa (a payment Go started)"
status=$(saga status "${PREFIX}visa" --json | json "d['saga']['status']")
[ "$status" = COMPLETED ] || die "the Java CLI reads ${PREFIX}visa as $status, want COMPLETED"
status=$(saga status "${PREFIX}refund-fail" --json | json "d['saga']['status']")
[ "$status" = DLQ ] || die "the Java CLI reads ${PREFIX}refund-fail as $status, want DLQ"
saga dlq show "payment-${PREFIX}refund-fail" >/dev/null || die "no DLQ entry for the Go-started refund-failure saga"
rc=0; saga status "${PREFIX}bad" --json >/dev/null 2>&1 || rc=$?
[ "$rc" = 3 ] || die "the Java CLI's status of the refused payment ${PREFIX}bad exits $rc, want 3 (not found)"

log "the example gateway (examples/gateway-go): POST /payments, GET /payments/{no}"
(cd examples/gateway-go && go build -mod=readonly -o "$TMP/gateway-go" .)
read -r GATEWAY_PORT < <(free_ports 1)
SAGA_CODEC_KEYFILE=$KEYFILE "$TMP/gateway-go" -listen "127.0.0.1:$GATEWAY_PORT" >"$TMP/gateway.log" 2>&1 &
GATEWAY_PID=$!
GW="http://127.0.0.1:$GATEWAY_PORT"
for _ in $(seq 1 50); do curl -s -o /dev/null "$GW/payments/x" && break; sleep 0.2; done
code=$(curl -s -o "$TMP/gw-post.json" -w '%{http_code}' -X POST "$GW/payments" \
  -d "{\"paymentNo\":\"${PREFIX}gateway\",\"merchantId\":\"m_gw\",\"amount\":\"9.99\",\"currency\":\"USD\",\"cardToken\":\"tok_visa\"}")
[ "$code" = 202 ] || die "POST /payments answered $code: $(cat "$TMP/gw-post.json")"
url=$(json "d['statusUrl']" <"$TMP/gw-post.json")
status=""
for _ in $(seq 1 60); do
  status=$(curl -fs "$GW$url" | json "d['status']") || status=""
  [ "$status" = COMPLETED ] && break
  sleep 0.5
done
[ "$status" = COMPLETED ] || die "GET $url reads $status, want COMPLETED"
code=$(curl -s -o "$TMP/gw-bad.json" -w '%{http_code}' -X POST "$GW/payments" \
  -d "{\"paymentNo\":\"${PREFIX}gw-bad\",\"merchantId\":\"m_gw\",\"amount\":\"0\",\"currency\":\"USD\",\"cardToken\":\"tok_visa\"}")
[ "$code" = 400 ] && [ "$(json "d['field']" <"$TMP/gw-bad.json")" = amount ] || die "a bad POST answered $code: $(cat "$TMP/gw-bad.json")"
code=$(curl -s -o /dev/null -w '%{http_code}' "$GW/payments/${PREFIX}gw-bad")
[ "$code" = 404 ] || die "GET of the refused payment answered $code, want 404"

PASSED=true
log "PASS: the Go client against the Java worker on the dev server, both ways"
