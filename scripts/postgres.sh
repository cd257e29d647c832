#!/usr/bin/env bash
# PostgreSQL for the postgres providers' tests and for scripts (the chaos run): Debian's package,
# and a throwaway cluster on loopback.
#
#   scripts/postgres.sh install                  # apt-get install postgresql when there is no initdb
#                                                #   (PATH or /usr/lib/postgresql/*/bin); quiet when present
#   scripts/postgres.sh bin                      # prints the directory of initdb/postgres/pg_ctl
#   scripts/postgres.sh start <data-dir> <port>  # initdb when the directory is empty, starts the server
#                                                #   on 127.0.0.1:<port> (unix socket in <data-dir>,
#                                                #   trust on loopback), creates database paysaga, prints
#                                                #   its JDBC URL
#   scripts/postgres.sh stop <data-dir>          # fast shutdown (clients are disconnected)
#
# A throwaway cluster: trust authentication for loopback only, user paysaga (superuser), no
# password. PostgreSQL refuses to run as root: as root the server runs as the postgres OS user,
# which then owns <data-dir>. The Java tests use test-support's PostgresTestServer instead.
set -euo pipefail

USER_NAME=paysaga
DATABASE=paysaga

die() { echo "postgres.sh: $*" >&2; exit 2; }

bin_dir() {
  local initdb
  if initdb=$(command -v initdb 2>/dev/null); then
    dirname "$(readlink -f "$initdb")"
    return 0
  fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n | tail -1 || true)
  if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then
    echo "$newest"
    return 0
  fi
  return 1
}

install() {
  bin_dir >/dev/null && return 0
  echo "no PostgreSQL (initdb) found: installing Debian's postgresql package" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "PostgreSQL is missing and this user cannot apt-get install it"
    sudo="sudo"
  fi
  local was_running=false
  if pgrep -x postgres >/dev/null 2>&1; then was_running=true; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  bin_dir >/dev/null || die "initdb still missing after installing postgresql"
  # The package's own cluster is not ours: stop the service its post-install started, if it did.
  if ! $was_running && pgrep -x postgres >/dev/null 2>&1; then
    echo "stopping the postgresql service the install started" >&2
    if [ -d /run/systemd/system ]; then $sudo systemctl stop postgresql || true; else $sudo service postgresql stop || true; fi
  fi
}

# Runs a PostgreSQL program as the postgres OS user when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

start() {
  local data=${1:?usage: postgres.sh start <data-dir> <port>} port=${2:?usage: postgres.sh start <data-dir> <port>}
  local bin
  bin=$(bin_dir) || die "no PostgreSQL here: run scripts/postgres.sh install"
  mkdir -p "$data"
  data=$(cd "$data" && pwd)
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$data"
    chmod 700 "$data"
    runuser -u postgres -- test -x "$data" \
      || die "the postgres OS user cannot enter $data: pick a directory whose parents it may traverse (e.g. under /tmp)"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$data" -U "$USER_NAME" --auth=trust -E UTF8 --no-locale >"$data.initdb.log" 2>&1 \
      || { cat "$data.initdb.log" >&2; die "initdb failed"; }
  fi
  as_owner "$bin/pg_ctl" start -D "$data" -w -t 60 -l "$data/postgres.log" \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $data" >/dev/null \
    || { tail -20 "$data/postgres.log" >&2; die "PostgreSQL did not start on port $port"; }
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U "$USER_NAME" -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$USER_NAME" "$DATABASE"
  fi
  echo "jdbc:postgresql://127.0.0.1:$port/$DATABASE?user=$USER_NAME"
}

stop() {
  local data=${1:?usage: postgres.sh stop <data-dir>}
  local bin
  bin=$(bin_dir) || die "no PostgreSQL here"
  [ -f "$data/postmaster.pid" ] || { echo "postgres.sh: no server runs on $data" >&2; return 0; }
  as_owner "$bin/pg_ctl" stop -D "$(cd "$data" && pwd)" -m fast -w -t 60 >/dev/null
}

case ${1:-} in
  install) install ;;
  bin) bin_dir || die "no PostgreSQL here: run scripts/postgres.sh install" ;;
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) die "usage: postgres.sh install | bin | start <data-dir> <port> | stop <data-dir>" ;;
esac
