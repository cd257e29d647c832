# Sourced by the end-to-end scripts: free loopback ports and stopping what they started.

# Prints N distinct free loopback ports, bound together so they differ, released just before use.
free_ports() {
  python3 -c '
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])
' "$1"
}

# Stops one process we started: its own process group when it leads one (setsid; the worker's
# local-stack servers are its children), else the process. TERM, then KILL after $2 s.
stop_process() {
  local pid=$1 grace=$2 target i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  target=$pid
  if [ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$pid" ]; then target="-$pid"; fi
  kill -TERM -- "$target" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "$target" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
