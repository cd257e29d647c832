#!/usr/bin/env bash
# The Temporal UI in a real browser: the worker with its local stack (saga-local.jar) on the
# Temporal dev server (with its UI), a saga of each final status (COMPLETED, COMPENSATED, DLQ,
# RESOLVED, FAILED by an operator's terminate), then Debian's headless Chromium, driven by
# playwright-core, opens
#   - the history link `saga history` printed for a compensated saga, and finds its workflow ID,
#     the type PaymentSaga and the activities that ran (CreateOrder, CallPaymentChannel,
#     RefundPayment, CancelOrder);
#   - the workflow list with SagaStatus="COMPENSATED", which shows that saga and no completed one,
#     and the list of each other status with its saga.
#   - a completed saga's history page, whose input and result the UI decodes through the worker's
#     codec server (the local stack starts the dev server with --ui-codec-endpoint): the payment's
#     number, merchant and amount show, the card token only masked;
# and the same saga's history read raw over gRPC (temporal workflow show, no codec) must hold no
# card token, no amount, no payment fields outside the search attributes.
# Screenshots go to target/ui-check/ and are named in the output. Exit 0 only when every check passed.
#
#   scripts/ui-check.sh          # about a minute; KEEP_TMP=1 keeps the logs of a passing run
#
# Needs the built jars, the Temporal CLI (scripts/temporal.sh install), Node 18+ and python3;
# installs Debian's chromium when missing and ui-check/'s pinned playwright-core with npm ci
# (never a browser download).
set -euo pipefail
cd "$(dirname "$0")/.."
WORKER_JAR=local-stack/target/saga-local.jar
CLI_JAR=starter-cli/target/saga-cli.jar
SHOTS=target/ui-check
START_TS=$(date +%s)
log() { printf '[%3ds] %s\n' "$(($(date +%s) - START_TS))" "$*"; }
die() { printf '[%3ds] ERROR: %s\n' "$(($(date +%s) - START_TS))" "$*" >&2; exit 1; }

for jar in "$WORKER_JAR" "$CLI_JAR"; do
  [ -f "$jar" ] || die "$jar is missing: build first (./mvnw -B -DskipTests package)"
done
for tool in java python3 node npm; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required and not on the PATH"
done
TEMPORAL_CLI=$(bash scripts/temporal.sh path) || die "no Temporal CLI: run scripts/temporal.sh install"
source scripts/lib/install-debian-package.sh
source scripts/lib/processes.sh
install_debian_package chromium chromium
(cd ui-check && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/saga-ui-check.XXXXXX")
WORKER_PID=""
PASSED=false
cleanup() {
  local rc=$?
  set +e
  log "stopping the worker"
  stop_process "$WORKER_PID" 40
  if $PASSED && [ "${KEEP_TMP:-0}" != 1 ]; then rm -rf "$TMP"; else echo "Logs kept in $TMP" >&2; fi
  log "done (exit $rc)"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

source scripts/lib/local-worker.sh
local_stack_ports
UI="http://127.0.0.1:$UI_PORT"

log "starting the worker with its local stack (dev server with UI at $UI)"
start_local_worker
grep -q "Temporal UI: $UI" "$TMP/worker.log" || die "the worker did not log the UI address $UI"
log "worker ready; the Temporal UI is at $UI"

# A saga of each final status: the demo (COMPLETED, COMPENSATED and one that parks in the DLQ),
# a second DLQ saga resolved by hand (RESOLVED), and a slow one an operator terminates (FAILED).
saga demo --json >"$TMP/demo.json"
path_id() { json "[s['sagaId'] for s in d['sagas'] if s['path'] == '$1'][0]" <"$TMP/demo.json"; }
COMPENSATED=$(path_id decline)
COMPLETED=$(path_id success)
DLQ=$(path_id refund-failure)
RUN=$(date +%s)
saga pay --payment-no "ui-$RUN-resolved" --merchant m_frozen --amount 3.00 --currency CNY --card-token tok_refund_fail >/dev/null
saga pay --payment-no "ui-$RUN-terminated" --merchant m_shop --amount 4.00 --currency CNY --card-token tok_slow_300 >/dev/null
RESOLVED=payment-ui-$RUN-resolved
TERMINATED=payment-ui-$RUN-terminated
await_status() {
  local id=$1 want=$2 i
  for i in $(seq 1 90); do
    [ "$(saga status "$id" --json | json "d['saga']['status']")" = "$want" ] && return 0
    sleep 1
  done
  die "$id did not reach $want"
}
await_status "$DLQ" DLQ
await_status "$RESOLVED" DLQ
saga dlq resolve "$RESOLVED" --note "refunded by hand (ui-check)" >/dev/null
await_status "$RESOLVED" RESOLVED
"$TEMPORAL_CLI" workflow terminate --address "$TEMPORAL_ADDRESS" --workflow-id "$TERMINATED" \
  --reason "ui-check: an operator ends a stuck saga" >/dev/null
log "sagas: COMPLETED $COMPLETED, COMPENSATED $COMPENSATED, DLQ $DLQ, RESOLVED $RESOLVED, terminated $TERMINATED"

# Temporal holds ciphertext: the completed saga's history as the server stores it (no codec).
"$TEMPORAL_CLI" workflow show --address "$TEMPORAL_ADDRESS" --workflow-id "$COMPLETED" --output json >"$TMP/raw-history.json"
python3 - "$TMP/raw-history.json" <<'PY' || die "the raw history of $COMPLETED holds payment data in plaintext"
import base64, json, re, sys
leaks = []
def walk(node, path):
    if isinstance(node, dict):
        if "data" in node and "metadata" in node:
            encoding = base64.b64decode(node["metadata"].get("encoding", "")).decode()
            data = base64.b64decode(node.get("data", "")).decode("utf-8", "replace")
            if encoding != "binary/encrypted" and "searchAttributes" not in path:
                if re.search(r"tok_|amountMinor|merchantId|cardToken|paymentNo", data):
                    leaks.append(f"{path}: {encoding} {data[:80]}")
        for key, value in node.items():
            walk(value, path + "/" + key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            walk(value, f"{path}[{i}]")
history = json.load(open(sys.argv[1]))
text = json.dumps(history)
if re.search(r"tok_[a-z]", text):
    leaks.append("a card token in the history's text")
encrypted = text.count("YmluYXJ5L2VuY3J5cHRlZA==")  # base64 of binary/encrypted
for leak in leaks:
    print("  plaintext:", leak)
print(f"raw history: {len(history['events'])} events, {encrypted} encrypted payloads, {len(leaks)} in plaintext")
sys.exit(1 if leaks or encrypted == 0 else 0)
PY
log "the raw history of $COMPLETED holds ciphertext only (search attributes aside)"
COMPLETED_NO=${COMPLETED#payment-}

HISTORY_URL=$(saga history "$COMPENSATED" --json | json "d['historyUrl']")
COMPLETED_URL=$(saga history "$COMPLETED" --json | json "d['historyUrl']")
log "saga history printed $HISTORY_URL"
list_url() { echo "$UI/namespaces/default/workflows?query=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1")"; }
python3 - "$TMP/checks.json" <<PY
import json, sys
checks = {"screenshots": "$SHOTS", "pages": [
  {"name": "history-compensated", "url": "$HISTORY_URL",
   "present": ["$COMPENSATED", "PaymentSaga", "CreateOrder", "CallPaymentChannel", "RefundPayment", "CancelOrder"]},
  {"name": "history-completed-decoded", "url": "$COMPLETED_URL",
   "present": ['"paymentNo": "$COMPLETED_NO"', '"merchantId": "m_demo"', '"amountMinor"', '"cardToken": "tok_'],
   "absent": ["binary/encrypted", '"cardToken": "tok_visa"']},
  {"name": "list-compensated", "url": "$(list_url 'SagaStatus="COMPENSATED"')", "reload": True,
   "present": ["$COMPENSATED"], "absent": ["$COMPLETED"]},
  {"name": "list-completed", "url": "$(list_url 'SagaStatus="COMPLETED"')", "reload": True,
   "present": ["$COMPLETED"], "absent": ["$COMPENSATED"]},
  {"name": "list-dlq", "url": "$(list_url 'SagaStatus="DLQ" AND ExecutionStatus="Running"')", "reload": True,
   "present": ["$DLQ"], "absent": ["$RESOLVED"]},
  {"name": "list-resolved", "url": "$(list_url 'SagaStatus="RESOLVED"')", "reload": True,
   "present": ["$RESOLVED"], "absent": ["$DLQ"]},
  {"name": "list-terminated", "url": "$(list_url 'SagaType="PaymentSaga" AND ExecutionStatus="Terminated"')",
   "reload": True, "present": ["$TERMINATED"], "absent": ["$COMPLETED"]},
]}
json.dump(checks, open(sys.argv[1], "w"), indent=2)
PY
log "opening the Temporal UI in headless Chromium"
node ui-check/check.mjs "$TMP/checks.json"
PASSED=true
