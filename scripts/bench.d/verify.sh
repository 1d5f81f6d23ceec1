# scripts/bench section: `verify --sandbox` with 100 ms latency on every call — both destinations
# together against each alone, and the serial estimate (the sum), to show they run concurrently.

bench_verify() {
  log "verify: --sandbox --fault '*:latency=100ms', documented matrix"
  local both https table
  both=$(measure -- "$bin" verify --sandbox --fault '*:latency=100ms' --seed 1)
  https=$(measure -- "$bin" verify --sandbox --fault '*:latency=100ms' --seed 1 --destination https)
  table=$(measure -- "$bin" verify --sandbox --fault '*:latency=100ms' --seed 1 --destination azure-table)
  "$py" - "$both" "$https" "$table" <<'PY'
import json, sys
both, https, table = (json.loads(a)["seconds"] for a in sys.argv[1:4])
slowest = max(https, table)
print("verify --sandbox --fault '*:latency=100ms' (36 leads per destination: deliver, read back, clean up)")
print(f"  https alone {https:.2f} s · azure-table alone {table:.2f} s · serial estimate {https + table:.2f} s")
print(f"  both together {both:.2f} s = {both / slowest:.2f}× the slowest alone (goal ≤ 1.5×)")
PY
}
