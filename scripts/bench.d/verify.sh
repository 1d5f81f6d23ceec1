# scripts/bench section: `verify --sandbox` with 100 ms latency on every call — all five
# destinations together against each alone, and the serial estimate (the sum), to show they run
# concurrently. Marketo's own limit (100 calls / 20 s, which leadcheck respects) makes it the
# slowest alone.

bench_verify() {
  log "verify: --sandbox --fault '*:latency=100ms', documented matrix"
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
print("verify --sandbox --fault '*:latency=100ms' (36 leads per destination: deliver, read back, clean up)")
print("  alone: " + " · ".join(f"{name} {seconds:.2f} s" for name, seconds in alone.items()) + f" · serial estimate {sum(alone.values()):.2f} s")
print(f"  all five together {together:.2f} s = {together / slowest:.2f}× the slowest alone (goal ≤ 1.5×)")
PY
}
