#!/usr/bin/env bash
# Checks the Prometheus side of the stack:
#   1. promtool check rules   deploy/prometheus/alerts.yml      (syntax, valid PromQL)
#   2. promtool test rules    deploy/prometheus/alerts.test.yml (every alert firing and not firing)
#   3. promtool check config  deploy/prometheus/prometheus.yml  (its rule_files must resolve)
#   4. every alert's runbook_url anchor is a heading of docs/operations.md
#   5. every query of the Grafana dashboard parses, and the four saga queries of
#      docs/worker-app.md ("Metrics") are in it
# Installs Debian's `prometheus` package (which ships promtool) when promtool is missing.
# Exits non-zero when any check fails.
set -euo pipefail

cd "$(dirname "$0")/.."
PROM_DIR=deploy/prometheus
RUNBOOK=docs/operations.md
DASHBOARD=deploy/grafana/dashboards/payment-sagas.json

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
step() { echo; echo "== $*"; }

source scripts/lib/install-debian-package.sh
install_debian_package promtool prometheus prometheus
promtool --version 2>&1 | head -n 1

step "promtool check rules $PROM_DIR/alerts.yml"
promtool check rules "$PROM_DIR/alerts.yml" || fail "check rules"

step "promtool test rules $PROM_DIR/alerts.test.yml"
# Run from the rules' folder too, so the test file's relative rule_files path resolves either way.
promtool test rules "$PROM_DIR/alerts.test.yml" || fail "test rules"

step "promtool check config $PROM_DIR/prometheus.yml"
promtool check config "$PROM_DIR/prometheus.yml" || fail "check config"

step "runbook anchors of the alerts exist in $RUNBOOK"
if [ ! -f "$RUNBOOK" ]; then
  fail "$RUNBOOK is missing"
else
  # GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
  anchors=$(grep -E '^#{1,6} ' "$RUNBOOK" \
    | sed -E 's/^#+ +//; s/ +$//' | tr '[:upper:]' '[:lower:]' \
    | sed -E 's/[^a-z0-9 _-]//g; s/ /-/g')
  n=0
  for a in $(grep -oE 'operations\.md#[A-Za-z0-9_-]+' "$PROM_DIR/alerts.yml" | sed 's/.*#//' | sort -u); do
    n=$((n + 1))
    if grep -qxF "$a" <<<"$anchors"; then echo "ok   #$a"; else fail "no heading for #$a in $RUNBOOK"; fi
  done
  alerts=$(grep -cE '^\s*- alert:' "$PROM_DIR/alerts.yml")
  links=$(grep -cE '^\s*runbook_url:' "$PROM_DIR/alerts.yml")
  [ "$alerts" -eq "$links" ] || fail "$alerts alerts but $links runbook_url annotations"
  echo "$n anchors for $alerts alerts"
fi

step "Grafana dashboard queries parse ($DASHBOARD)"
if ! command -v jq >/dev/null 2>&1; then
  echo "jq not installed: skipped"
else
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # Each panel query becomes a recording rule, so promtool parses it as PromQL.
  {
    echo "groups:"
    echo "  - name: dashboard-queries"
    echo "    rules:"
    jq -r '[.. | objects | select(has("expr")) | .expr] | to_entries[]
           | "      - record: dashboard:query_\(.key)\n        expr: \(.value | @json)"' "$DASHBOARD"
  } >"$tmp/dashboard-rules.yml"
  promtool check rules "$tmp/dashboard-rules.yml" || fail "a dashboard query does not parse"
  while IFS= read -r q; do
    if jq -e --arg q "$q" '[.. | objects | select(has("expr")) | .expr] | index($q) != null' "$DASHBOARD" >/dev/null; then
      echo "ok   $q"
    else
      fail "saga query (docs/worker-app.md \"Metrics\") missing from the dashboard: $q"
    fi
  done <<'EOF'
sum(rate(saga_total{status="completed"}[5m])) / sum(rate(saga_total[5m]))
histogram_quantile(0.95, sum by (le) (rate(saga_duration_seconds_bucket[5m])))
sum(rate(saga_compensation_total{status="failed"}[5m])) / sum(rate(saga_compensation_total[5m]))
saga_dlq_size
EOF
fi

echo
if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "All Prometheus checks passed"
