# scripts/bench section: `leadcheck generate` throughput and memory, against Python Faker.
# Sourced by scripts/bench with $bin (release leadcheck), $scratch (a tmpfs directory when
# available), $disk_scratch (a directory on the checkout's disk), $py (the bench venv's python)
# and the helpers from scripts/lib/common.sh.

bench_generate() {
  local count=1000000
  local file="$disk_scratch/leads.ndjson" memfile="$scratch/leads.ndjson"
  log "generate: $count leads, ndjson"

  # Five runs of the default plan to a file on disk (where leadcheck writes the bulk with
  # O_DIRECT), reported with their median: this VM's speed varies by a third from minute to
  # minute (the host's share of the disk writes lands on the same two CPUs), so one run says
  # little.
  local all_runs=() all_bytes=0
  for _ in 1 2 3 4 5; do
    rm -f "$file"
    all_runs+=("$(measure -- "$bin" generate --seed 1 --count "$count" --format ndjson --output "$file")")
    all_bytes=$(wc -c < "$file"); rm -f "$file"
  done
  local all; all=$(printf '%s\n' "${all_runs[@]}" | "$py" -c 'import json,sys; runs=[json.loads(l) for l in sys.stdin]; print(json.dumps({"runs": runs, **sorted(runs, key=lambda m: m["seconds"])[len(runs) // 2]}))')
  # The same to tmpfs, for context: there every byte goes through page-cache pages the kernel
  # must find first (on this VM, pages the host has to back again).
  local memory; memory=$(measure -- "$bin" generate --seed 1 --count "$count" --format ndjson --output "$memfile")
  rm -f "$memfile"
  local discard; discard=$(measure -- "$bin" generate --seed 1 --count "$count" --format ndjson)
  local typical; typical=$(measure -- "$bin" generate --seed 1 --count "$count" --format ndjson --variants typical --output "$file")
  local typical_bytes; typical_bytes=$(wc -c < "$file"); rm -f "$file"

  # The raw write ceilings, for context: dd of as many bytes as the default plan wrote, direct
  # to the disk and through tmpfs.
  local mib=$(( all_bytes / 1048576 )) dd_start dd_mid dd_end
  dd_start=$(date +%s.%N)
  dd if=/dev/zero of="$disk_scratch/dd.bin" bs=2M count=$(( mib / 2 )) oflag=direct status=none
  dd_mid=$(date +%s.%N)
  dd if=/dev/zero of="$scratch/dd.bin" bs=1M count="$mib" status=none
  dd_end=$(date +%s.%N)
  rm -f "$disk_scratch/dd.bin" "$scratch/dd.bin"

  local faker_count=50000
  log "generate: Faker baseline, $faker_count records"
  local faker; faker=$(measure -- "$py" scripts/lib/faker_leads.py "$faker_count" "$scratch/faker.ndjson")
  rm -f "$scratch/faker.ndjson"

  "$py" - "$count" "$all" "$all_bytes" "$discard" "$typical" "$typical_bytes" "$dd_start" "$dd_mid" "$dd_end" "$faker" "$faker_count" "$scratch" "$memory" <<'PY'
import json, sys
count = int(sys.argv[1])
all_, discard, typical, faker, memory = (json.loads(sys.argv[i]) for i in (2, 4, 5, 10, 13))
all_bytes, typical_bytes = int(sys.argv[3]), int(sys.argv[6])
dd_disk = float(sys.argv[8]) - float(sys.argv[7])
dd_memory = float(sys.argv[9]) - float(sys.argv[8])
faker_count, scratch = int(sys.argv[11]), sys.argv[12]
def row(label, m, nbytes=None):
    rate = count / m["seconds"]
    extra = f", {nbytes / m['seconds'] / 1e6:,.0f} MB/s" if nbytes else ""
    cpu = f", CPU {m['user_seconds']:.2f} user + {m['system_seconds']:.2f} sys s"
    print(f"  {label:<58} {m['seconds']:6.2f} s  {rate:>12,.0f} leads/s{extra}{cpu}, peak RSS {m['max_rss_kb'] / 1024:.1f} MB")
    return rate
print(f"generate --count {count:,} --format ndjson (release build; tmpfs: {scratch})")
for run in all_["runs"]:
    row("default plan (all variants × all locales) → file on disk", run, all_bytes)
rate_all = count / all_["seconds"]
print(f"  {'  (median of the five runs above)':<58} {all_['seconds']:6.2f} s  {rate_all:>12,.0f} leads/s")
rate_memory = row("default plan → file on tmpfs (page cache, no direct I/O)", memory, all_bytes)
rate_discard = row("default plan, output discarded (generator alone)", discard)
rate_typical = row("--variants typical → file on disk", typical, typical_bytes)
mib = all_bytes // 1048576
print(f"  {'raw write ceiling: dd oflag=direct to the disk, same bytes':<58} {dd_disk:6.2f} s  {(mib // 2) * 2 * 1048576 / dd_disk / 1e6:,.0f} MB/s")
print(f"  {'raw write ceiling: dd to tmpfs, same bytes':<58} {dd_memory:6.2f} s  {mib * 1048576 / dd_memory / 1e6:,.0f} MB/s")
faker_rate = faker_count / faker["seconds"]
print(f"  {'Python Faker, same 7 customer fields as NDJSON':<58} {faker['seconds']:6.2f} s  {faker_rate:>12,.0f} records/s ({faker_count:,} records)")
print(f"  goal ≥ 1,000,000 leads/s: default plan → file on disk (median) {rate_all / 1e6:.2f}×, to tmpfs {rate_memory / 1e6:.2f}×, generator alone {rate_discard / 1e6:.2f}×, typical → file {rate_typical / 1e6:.2f}×")
print(f"  goal peak RSS < 50 MB: {max([r['max_rss_kb'] for r in all_['runs']] + [memory['max_rss_kb'], discard['max_rss_kb'], typical['max_rss_kb']]) / 1024:.1f} MB")
print(f"  ratio to Faker (goal ≥ 200×): default plan → file {rate_all / faker_rate:,.0f}×, typical → file {rate_typical / faker_rate:,.0f}×")
PY
}
