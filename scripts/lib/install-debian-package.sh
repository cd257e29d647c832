# Sourced by the scripts that need a Debian package's program (promtool, prometheus, redis-server).
#
#   install_debian_package <command> <package> [<service process name>]
#
# Does nothing when <command> is on the PATH. Otherwise installs <package> with apt-get (as root,
# or through sudo) and checks that <command> is there afterwards. The scripts run their own
# processes of these programs on free loopback ports; where the package's post-install starts its
# service (an init system is running), a service this install started is stopped again, and one
# that already ran is left alone.
install_debian_package() {
  local command_name=$1 package=$2 service=${3:-}
  command -v "$command_name" >/dev/null 2>&1 && return 0
  echo "$command_name not found: installing Debian's $package package" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "$command_name is missing and this user cannot apt-get install it" >&2; exit 2; }
    sudo="sudo"
  fi
  local service_was_running=false
  if [ -n "$service" ] && pgrep -x "$service" >/dev/null 2>&1; then service_was_running=true; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$package" >/dev/null
  command -v "$command_name" >/dev/null 2>&1 || { echo "$command_name still missing after installing $package" >&2; exit 2; }
  if [ -n "$service" ] && ! $service_was_running && pgrep -x "$service" >/dev/null 2>&1; then
    echo "stopping the $package service the install started" >&2
    if [ -d /run/systemd/system ]; then
      $sudo systemctl stop "$package" || true
    else
      $sudo service "$package" stop || true
    fi
  fi
}
