#!/usr/bin/env bash
# The real Temporal engine for the local stack, the tests and CI: the Temporal CLI's dev server
# (`temporal server start-dev`: Temporal server 1.29.1 with SQLite persistence and the Web UI 2.42.1
# compiled in), built from the Go module proxy into a cache outside the work tree and reused.
#
#   scripts/temporal.sh install      # builds the CLI once (needs Go 1.25+), prints the binary's path
#   scripts/temporal.sh path         # prints the binary's path; exit 1 when it is not installed
#   scripts/temporal.sh start [--db-filename FILE] [--port P] [--ui-port P] [--http-port P]
#                             [--namespace NS] [--log FILE] [--pid-file FILE] [--headless]
#       starts the dev server in the background with the project's search attributes
#       (deploy/temporal/search-attributes), waits until its frontend answers, prints its address
#   scripts/temporal.sh stop --pid-file FILE
#
# Why v1.5.1: it is the newest CLI release whose go.mod has no `replace` directive; from v1.6.0 on
# the CLI replaces its nested module github.com/temporalio/cli/cliext with a local path, which
# `go install pkg@version` refuses. The cache is $PAYSAGA_CACHE_DIR, else
# ${XDG_CACHE_HOME:-~/.cache}/payment-saga (saga-local.jar looks there too).
set -euo pipefail

CLI_VERSION=v1.5.1
# `go install` builds report "0.0.0-DEV"; the server version inside identifies the release.
SERVER_VERSION=1.29.1
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${PAYSAGA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/payment-saga}
bin_dir=$cache/temporal-cli-$CLI_VERSION/bin
binary=$bin_dir/temporal

die() { echo "temporal.sh: $*" >&2; exit 2; }

installed() { [ -x "$binary" ] && "$binary" --version 2>/dev/null | grep -q "Server $SERVER_VERSION"; }

install() {
  if installed; then
    echo "$binary"
    return
  fi
  command -v go >/dev/null 2>&1 || die "Go 1.25 or newer is needed to build the Temporal CLI (go install); none is on the PATH"
  mkdir -p "$bin_dir"
  echo "building the Temporal CLI $CLI_VERSION with $(go version | cut -d' ' -f3) into $bin_dir (a few minutes, once)" >&2
  local started=$SECONDS
  GOBIN=$bin_dir go install "github.com/temporalio/cli/cmd/temporal@$CLI_VERSION" >&2
  installed || die "the build finished but $binary does not report Temporal server $SERVER_VERSION"
  echo "built in $((SECONDS - started)) s: $("$binary" --version)" >&2
  echo "$binary"
}

healthy() { "$binary" operator cluster health --address "$1" 2>/dev/null | grep -q SERVING; }

start() {
  local db="" port=7233 ui_port="" http_port="" namespace=default log="" pid_file="" headless=false
  while [ $# -gt 0 ]; do
    case $1 in
      --db-filename) db=${2:?--db-filename needs a file}; shift 2 ;;
      --port) port=${2:?--port needs a number}; shift 2 ;;
      --ui-port) ui_port=${2:?--ui-port needs a number}; shift 2 ;;
      --http-port) http_port=${2:?--http-port needs a number}; shift 2 ;;
      --namespace) namespace=${2:?--namespace needs a name}; shift 2 ;;
      --log) log=${2:?--log needs a file}; shift 2 ;;
      --pid-file) pid_file=${2:?--pid-file needs a file}; shift 2 ;;
      --headless) headless=true; shift ;;
      *) die "start: unknown option '$1' (see the header of $0)" ;;
    esac
  done
  for p in "$port" ${ui_port:+"$ui_port"} ${http_port:+"$http_port"}; do
    [[ $p =~ ^[0-9]+$ ]] && [ "$p" -gt 0 ] && [ "$p" -lt 65536 ] || die "start: '$p' is not a port"
  done
  installed || die "the Temporal CLI is not installed: run $0 install"
  [ -n "$db" ] || db=$cache/dev-server-$port.db
  [ -n "$log" ] || log=${db%.db}.log
  mkdir -p "$(dirname "$db")" "$(dirname "$log")"
  local args=(server start-dev --ip 127.0.0.1 --port "$port" --namespace "$namespace"
    --db-filename "$db" --log-level warn)
  [ -n "$ui_port" ] && args+=(--ui-port "$ui_port")
  [ -n "$http_port" ] && args+=(--http-port "$http_port")
  $headless && args+=(--headless)
  local attribute
  while read -r attribute; do
    [ -n "$attribute" ] && args+=(--search-attribute "$attribute")
  done < <(grep -v '^\s*#' "$root/deploy/temporal/search-attributes")
  setsid "$binary" "${args[@]}" >>"$log" 2>&1 < /dev/null &
  local pid=$!
  [ -n "$pid_file" ] && echo "$pid" > "$pid_file"
  local address=127.0.0.1:$port
  for _ in $(seq 1 120); do
    if healthy "$address"; then
      echo "Temporal dev server $address (pid $pid, SQLite $db, log $log)" >&2
      $headless || echo "Temporal UI http://127.0.0.1:${ui_port:-$((port + 1000))}" >&2
      echo "$address"
      return
    fi
    kill -0 "$pid" 2>/dev/null || { tail -20 "$log" >&2; die "the dev server exited (log $log)"; }
    sleep 0.5
  done
  kill "$pid" 2>/dev/null || true
  die "the dev server did not answer at $address within 60 s (log $log)"
}

stop() {
  [ "${1:-}" = --pid-file ] && [ -n "${2:-}" ] || die "stop: --pid-file FILE is required"
  [ -f "$2" ] || return 0
  local pid
  pid=$(cat "$2")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$2"
}

case ${1:-} in
  install) install ;;
  path) installed && echo "$binary" || { echo "temporal.sh: not installed (run $0 install)" >&2; exit 1; } ;;
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) die "usage: $0 install|path|start [options]|stop --pid-file FILE" ;;
esac
