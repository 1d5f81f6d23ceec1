"""The canary's metrics file, read by the Prometheus client library's own text-format parser
(prometheus-client), as node_exporter's textfile collector would read it: every metric has HELP
and TYPE, every destination is up, and the last-success and API-call samples are sane.

usage: canary_metrics.py LEADCHECK_BINARY SANDBOX_CONFIG WORK_DIR
"""
import os
import subprocess
import sys

from prometheus_client.parser import text_string_to_metric_families

binary, config, work = sys.argv[1:4]
metrics = os.path.join(work, "canary.prom")
state = os.path.join(work, "canary-state.json")
run = subprocess.run([binary, "canary", "--config", config, "--metrics", metrics, "--state", state],
                     cwd=work, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]

with open(metrics, encoding="utf-8") as f:
    families = {family.name: family for family in text_string_to_metric_families(f.read())}

expected = {
    "leadcheck_canary_up", "leadcheck_canary_duration_seconds", "leadcheck_canary_api_calls",
    "leadcheck_canary_last_success_timestamp_seconds",
}
assert expected <= set(families), sorted(families)
for name in expected:
    assert families[name].type == "gauge" and families[name].documentation, name

kinds = {"https", "azure-table", "dynamics", "marketo", "salesforce"}
up = {s.labels["destination"]: s for s in families["leadcheck_canary_up"].samples}
assert set(up) == kinds, up
assert all(s.value == 1 and s.labels["type"] == name for name, s in up.items()), up
calls = [s.value for s in families["leadcheck_canary_api_calls"].samples]
assert len(calls) == 5 and all(0 < c <= 6 for c in calls) and sum(calls) <= 30, calls
successes = [s.value for s in families["leadcheck_canary_last_success_timestamp_seconds"].samples]
assert len(successes) == 5 and all(s > 1.7e9 for s in successes), successes
print("prometheus-client: the canary's metrics parse as the text format, HELP and TYPE for each, every destination up, "
      f"{int(sum(calls))} API calls in all")
