# scripts/bench section: `verify --sandbox`.
# 1. The default plan as a user runs it (no added latency): wall time (issue 17 goal ≤ 5 s) and
#    the API calls each destination spent per lead (goal: Marketo ≤ 1.2), from the JSON report.
#    The sandbox enforces Marketo's 100 calls / 20 s throughout.
# 2. With 100 ms latency on every call: all five destinations together against each alone, and
#    the serial estimate (the sum), to show they run concurrently.
# 3. A dead destination (headers, then one byte a second) with `timeout: 3s` in the config: the
#    wall time of the default plan (goal < 20 s: about (3 + 1) × the timeout, not leads × it).

bench_verify() {
  log "verify: --sandbox, the default plan"
  local report="$scratch/verify.json"
  local plain
  plain=$(measure -- "$bin" verify --sandbox --seed 1 --json "$report")
  "$py" - "$plain" "$report" <<'PY'
import json, sys
seconds = json.loads(sys.argv[1])["seconds"]
report = json.load(open(sys.argv[2]))
print(f"verify --sandbox, default plan ({len(report['leads'])} leads per destination): {seconds:.2f} s (goal ≤ 5 s)")
for destination in report["destinations"]:
    checked = sum(1 for r in report["results"] if r["destination"] == destination["name"] and r["status"] != "skipped")
    calls = destination.get("apiCalls", 0)
    goal = " (goal ≤ 1.2)" if destination["kind"] == "marketo" else ""
    usage = f"; {destination['usage']['used']} of {destination['usage']['limit']} {destination['usage']['unit']}" if destination.get("usage") else ""
    print(f"  {destination['name']}: {calls} API calls, {calls / max(checked, 1):.2f} per lead{goal}{usage}")
PY

  log "verify: --sandbox --fault '*:latency=100ms'"
  local all results=()
  all=$(measure -- "$bin" verify --sandbox --fault '*:latency=100ms' --seed 1)
  for destination in https azure-table dynamics marketo salesforce; do
    results+=("$destination=$(measure -- "$bin" verify --sandbox --fault '*:latency=100ms' --seed 1 --destination "$destination")")
  done
  "$py" - "$all" "${results[@]}" <<'PY'
import json, sys
together = json.loads(sys.argv[1])["seconds"]
alone = {arg.split("=", 1)[0]: json.loads(arg.split("=", 1)[1])["seconds"] for arg in sys.argv[2:]}
slowest = max(alone.values())
print("verify --sandbox --fault '*:latency=100ms' (deliver, read back, clean up)")
print("  alone: " + " · ".join(f"{name} {seconds:.2f} s" for name, seconds in alone.items()) + f" · serial estimate {sum(alone.values()):.2f} s")
print(f"  all five together {together:.2f} s = {together / slowest:.2f}× the slowest alone (goal ≤ 1.5×)")
PY

  log "verify: a dead destination (trickling answers), timeout: 3s in the config"
  "$py" - "$bin" "$scratch" <<'PY'
import http.server, json, os, socketserver, subprocess, sys, threading, time
binary, scratch = sys.argv[1], sys.argv[2]

class Trickle(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(202); self.send_header("Content-Length", "1000"); self.end_headers()
        try:
            for _ in range(1000):
                self.wfile.write(b" "); self.wfile.flush(); time.sleep(1)
        except OSError:
            pass
    def log_message(self, *args):
        pass

class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True

server = Server(("127.0.0.1", 0), Trickle)
threading.Thread(target=server.serve_forever, daemon=True).start()
config = os.path.join(scratch, "dead.yaml")
with open(config, "w") as f:
    f.write(f"version: 1\ndefaults:\n  timeout: 3s\ndestinations:\n  - name: hook\n    type: https\n    url: http://127.0.0.1:{server.server_address[1]}/hook\n")
os.chmod(config, 0o600)
start = time.perf_counter()
status = subprocess.run([binary, "verify", "--config", config, "--journal", os.path.join(scratch, "dead.journal")],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
seconds = time.perf_counter() - start
print(f"verify against a dead destination, default plan, timeout 3 s: {seconds:.2f} s, exit {status} (goal < 20 s, exit 3)")
PY
}
