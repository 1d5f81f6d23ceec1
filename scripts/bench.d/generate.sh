# scripts/bench section: `leadcheck generate` throughput and memory, against `dd` writing the same
# bytes to the same disk and Python Faker. Sourced by scripts/bench with $bin (release
# leadcheck), $scratch (a tmpfs directory when available), $disk_scratch (a directory on the
# checkout's disk), $py (the bench venv's python) and the helpers from scripts/lib/common.sh.

bench_generate() {
  local count=1000000
  local file="$disk_scratch/leads.ndjson"
  log "generate: $count leads, ndjson"

  # Five runs of the default plan to a file on the checkout's disk, reported with their median:
  # this VM's speed varies by a third from minute to minute, so one run says little. Each is
  # followed by dd writing the same number of bytes to the same disk the same way (through the
  # page cache, no fsync), so the ratio compares like with like in the same minute.
  local runs=() dds=() bytes=0
  for _ in 1 2 3 4 5; do
    rm -f "$file"
    runs+=("$(measure -- "$bin" generate --seed 1 --count "$count" --format ndjson --output "$file")")
    bytes=$(wc -c < "$file"); rm -f "$file"
    dds+=("$(measure -- dd if=/dev/zero of="$disk_scratch/dd.bin" bs=1M count=$(( bytes / 1048576 )) status=none)")
    rm -f "$disk_scratch/dd.bin"
  done
  local discard; discard=$(measure -- "$bin" generate --seed 1 --count "$count" --format ndjson)

  local faker_count=50000
  log "generate: Faker baseline, $faker_count records"
  local faker; faker=$(measure -- "$py" scripts/lib/faker_leads.py "$faker_count" "$scratch/faker.ndjson")
  rm -f "$scratch/faker.ndjson"

  "$py" - "$count" "$bytes" "$discard" "$faker" "$faker_count" "${runs[@]}" "${dds[@]}" <<'PY'
import json, statistics, sys
count, nbytes = int(sys.argv[1]), int(sys.argv[2])
discard, faker = json.loads(sys.argv[3]), json.loads(sys.argv[4])
faker_count = int(sys.argv[5])
measured = [json.loads(a) for a in sys.argv[6:]]
runs, dds = measured[:5], measured[5:]
dd_bytes = nbytes // 1048576 * 1048576
print(f"generate --count {count:,} --format ndjson, default plan (release build; {nbytes / 1e9:.2f} GB)")
ratios = []
for run, dd in zip(runs, dds):
    file_rate, dd_rate = nbytes / run["seconds"], dd_bytes / dd["seconds"]
    ratios.append(file_rate / dd_rate)
    print(f"  → file on disk {run['seconds']:6.2f} s {count / run['seconds']:>12,.0f} leads/s {file_rate / 1e6:7,.0f} MB/s"
          f" · dd same bytes {dd['seconds']:5.2f} s {dd_rate / 1e6:7,.0f} MB/s · {ratios[-1]:.2f}× dd · peak RSS {run['max_rss_kb'] / 1024:.1f} MB")
median = sorted(runs, key=lambda m: m["seconds"])[2]
alone = count / discard["seconds"]
faker_rate = faker_count / faker["seconds"]
print(f"  generator alone (→ /dev/null) {discard['seconds']:6.2f} s {alone:>12,.0f} leads/s, CPU {discard['user_seconds']:.2f} user + {discard['system_seconds']:.2f} sys s")
print(f"  Python Faker, same 7 customer fields as NDJSON: {faker_rate:,.0f} records/s ({faker_count:,} records)")
print(f"  floor: generator alone ≥ 1,000,000 leads/s: {alone / 1e6:.2f}×")
print(f"  floor: to a file ≥ 0.7 × dd: median {statistics.median(ratios):.2f}× dd ({statistics.median(ratios) / 0.7:.2f}× the floor); median run {count / median['seconds']:,.0f} leads/s")
print(f"  memory: peak RSS {max(r['max_rss_kb'] for r in runs + [discard]) / 1024:.1f} MB; ratio to Faker {count / median['seconds'] / faker_rate:,.0f}× (file), {alone / faker_rate:,.0f}× (alone)")
PY
}
