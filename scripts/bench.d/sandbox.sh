# scripts/bench section: the sandbox's HTTPS sink with a file-backed --data under wrk -c16 POSTs,
# counting what it actually stored; then the same sink refusing every POST before the store
# (Hummingbird's own ceiling here) and nginx `return 202` (the machine's), in the same run.

bench_sandbox() {
  ensure_apt nginx-light wrk curl
  local dir="$scratch/sandbox"; mkdir -p "$dir"
  local data; data=$(mktemp -d)/sandbox.sqlite
  "$bin" generate --seed 1 --variants typical --locales en-US --count 1 --format https > "$dir/body.json"
  cat > "$dir/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json; charset=utf-8"
local f = io.open("$dir/body.json", "r"); wrk.body = f:read("*a"):gsub("%s+$", ""); f:close()
LUA
  # Starts `leadcheck sandbox ARGS…` in the background (its pid in $pid) and waits until it has
  # written its endpoints.
  local pid
  start_sandbox() {
    rm -f "$dir/endpoints.json"
    "$bin" sandbox "$@" --endpoints "$dir/endpoints.json" > "$dir/sandbox.log" 2>&1 &
    pid=$!
    for _ in $(seq 100); do [ -s "$dir/endpoints.json" ] && break; sleep 0.1; done
  }
  endpoint() { "$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$dir/endpoints.json" "$1"; }

  log "sandbox: HTTPS sink with --data on disk, wrk -t2 -c16 for 5 s"
  start_sandbox --data "$data"
  local url; url=$(endpoint https)
  local inspection; inspection=$(endpoint inspection)
  wrk -t2 -c16 -d5s -s "$dir/post.lua" "$url" > "$dir/wrk-sandbox.txt"
  local stored; stored=$(curl -s "$inspection/counts" | "$py" -c 'import json,sys; print(json.load(sys.stdin)["https"])')
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$(dirname "$data")"

  # The same server refusing every POST before it is checked or stored (401, the SAS signature
  # missing): what Hummingbird, the router and the fault middleware cost on their own, the
  # ceiling any stored figure sits under on this machine.
  log "sandbox: the same sink refusing every POST before the store, same load"
  start_sandbox --fault 'https:require-sig=bench'
  url=$(endpoint https)
  wrk -t2 -c16 -d5s -s "$dir/post.lua" "$url" > "$dir/wrk-refusing.txt"
  kill "$pid"; wait "$pid" 2>/dev/null || true

  log "sandbox: nginx return 202, same load"
  local nginx_bin; nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
  local port; port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  mkdir -p "$dir/nginx"
  cat > "$dir/nginx/nginx.conf" <<CONF
$( [ "$(id -u)" = 0 ] && echo "user root root;" )
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $dir/nginx/body; keepalive_requests 1000000;
  server { listen 127.0.0.1:$port; location / { return 202; } } }
CONF
  timeout 300 "$nginx_bin" -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -g 'daemon off;' &
  local nginx_pid=$!
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  wrk -t2 -c16 -d5s -s "$dir/post.lua" "http://127.0.0.1:$port/" > "$dir/wrk-nginx.txt"
  kill "$nginx_pid" 2>/dev/null || true

  "$py" - "$dir/wrk-sandbox.txt" "$dir/wrk-nginx.txt" "$stored" "$dir/wrk-refusing.txt" <<'PY'
import re, sys
def rate(path):
    text = open(path).read()
    return float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)), text
sandbox, sandbox_text = rate(sys.argv[1]); nginx, _ = rate(sys.argv[2]); stored = int(sys.argv[3])
refusing, _ = rate(sys.argv[4])
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", sandbox_text)
print("sandbox HTTPS sink, file-backed --data, wrk -t2 -c16 POSTs for 5 s (release build)")
print(f"  sandbox                      {sandbox:>10,.0f} req/s, {stored:,} leads stored ({stored / 5:,.0f} stored/s), non-2xx: {errors.group(1) if errors else 0}")
print(f"  sink refusing, nothing kept  {refusing:>10,.0f} req/s (401 before the store: Hummingbird, router, middleware); stored/s is {stored / 5 / refusing:.2f} of it")
print(f"  nginx return 202 (ceiling)   {nginx:>10,.0f} req/s")
print(f"  floor: sandbox sink ≥ 20,000 stored leads/s: {stored / 5 / 20000:.2f}×; share of the nginx ceiling: {sandbox / nginx:.2f}")
PY
}
