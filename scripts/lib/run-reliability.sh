# Sourced by scripts/chaos-run.sh and scripts/benchmark.sh: runs one main class of the reliability
# jar against the built worker jar, a redis-server (Debian's package, installed when missing) and
# the Temporal engine: the dev server (built once by scripts/temporal.sh install), unless the
# options say --engine test-server.
#
#   run_reliability <main class> [options...]
run_reliability() {
  local main_class=$1
  shift
  local reliability_jar=reliability/target/saga-reliability.jar worker_jar=worker-app/target/worker-app.jar
  for jar in "$reliability_jar" "$worker_jar"; do
    [ -f "$jar" ] || { echo "$jar is missing: build first (./mvnw -B -DskipTests package)" >&2; exit 2; }
  done
  source scripts/lib/install-debian-package.sh
  install_debian_package redis-server redis-server redis-server
  local engine_options=()
  case " $* " in
    *" --engine test-server "*|*" --engine=test-server "*|*" --help "*|*" -h "*) ;;
    *) engine_options=(--temporal-cli "$(bash scripts/temporal.sh install)") ;;
  esac
  exec java -Xmx1g -cp "$reliability_jar" "$main_class" \
    --worker-jar "$worker_jar" --redis-server "$(command -v redis-server)" "${engine_options[@]}" "$@"
}
