# scripts/bench section: `leadcheck send` burst throughput against nginx `return 202`, with
# wrk, a Python requests.Session loop and curl --parallel against the same sink in the same run.

bench_send() {
  ensure_apt nginx-light wrk curl
  local nginx_bin; nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
  local dir="$scratch/nginx"; mkdir -p "$dir"
  local port; port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  cat > "$dir/nginx.conf" <<CONF
$( [ "$(id -u)" = 0 ] && echo "user root root;" )
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/body;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$port; location / { return 202; } }
}
CONF
  timeout 900 "$nginx_bin" -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' &
  local nginx_pid=$!
  local url="http://127.0.0.1:$port/"
  for _ in $(seq 50); do curl -s -o /dev/null "$url" && break; sleep 0.1; done

  log "send: leadcheck 20,000 POSTs, concurrency 8"
  "$bin" generate --seed 1 --variants typical --locales en-US --count 1 --format https > "$dir/body.json"
  local lc; lc=$(measure --stdout "$dir/send.json" -- "$bin" send --url "$url" --count 20000 --concurrency 8 --seed 1 --variants typical --json)

  log "send: wrk -c8 POSTing the same body for 5 s"
  cat > "$dir/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json; charset=utf-8"
local f = io.open("$dir/body.json", "r"); wrk.body = f:read("*a"):gsub("%s+$", ""); f:close()
LUA
  wrk -t2 -c8 -d5s -s "$dir/post.lua" "$url" > "$dir/wrk.txt"

  log "send: Python requests.Session loop, 1,000 POSTs"
  ensure_venv .venv-bench "Faker==40.54.0" "requests==2.32.3"
  local requests_json; requests_json=$("$py" - "$url" "$dir/body.json" <<'PY'
import json, sys, time, requests
url, body = sys.argv[1], open(sys.argv[2], "rb").read().strip()
s = requests.Session()
start = time.perf_counter()
for _ in range(1000):
    r = s.post(url, data=body, headers={"Content-Type": "application/json; charset=utf-8"})
    assert r.status_code == 202
print(json.dumps({"seconds": time.perf_counter() - start}))
PY
)

  log "send: curl --parallel --parallel-max 8, 1,000 POSTs"
  : > "$dir/curl.cfg"
  for _ in $(seq 1000); do printf 'url = "%s"\noutput = "/dev/null"\n' "$url" >> "$dir/curl.cfg"; done
  local curl_start curl_end
  curl_start=$(date +%s.%N)
  curl -s --no-progress-meter --parallel --parallel-max 8 -X POST -H 'Content-Type: application/json; charset=utf-8' --data-binary @"$dir/body.json" -K "$dir/curl.cfg"
  curl_end=$(date +%s.%N)
  kill "$nginx_pid" 2>/dev/null || true

  "$py" - "$lc" "$dir/send.json" "$dir/wrk.txt" "$requests_json" "$curl_start" "$curl_end" <<'PY'
import json, re, sys
lc = json.loads(sys.argv[1]); summary = json.load(open(sys.argv[2]))
wrk_text = open(sys.argv[3]).read()
wrk = float(re.search(r"Requests/sec:\s+([\d.]+)", wrk_text).group(1))
requests_rate = 1000 / json.loads(sys.argv[4])["seconds"]
curl_rate = 1000 / (float(sys.argv[6]) - float(sys.argv[5]))
rate = summary["sent"] / summary["seconds"]
assert summary["succeeded"] == summary["sent"] == 20000, summary
lat = summary["latencyMicros"]
print("send --count 20000 --concurrency 8 to nginx `return 202` on loopback (release build)")
print(f"  leadcheck send                                   {rate:>10,.0f} req/s  (p50 {lat['p50']/1000:.2f} ms, p99 {lat['p99']/1000:.2f} ms, peak RSS {lc['max_rss_kb']/1024:.1f} MB)")
print(f"  wrk -t2 -c8, same POST body, 5 s                  {wrk:>10,.0f} req/s")
print(f"  curl --parallel --parallel-max 8, 1,000 POSTs     {curl_rate:>10,.0f} req/s")
print(f"  Python requests.Session loop, 1,000 POSTs         {requests_rate:>10,.0f} req/s")
print(f"  floor: send ≥ 0.5 × wrk: {rate/wrk:.2f}× wrk ({rate/wrk/0.5:.2f}× the floor); leadcheck/requests {rate/requests_rate:.1f}× (goal ≥ 10×), leadcheck/curl --parallel {rate/curl_rate:.2f}×")
PY
}
