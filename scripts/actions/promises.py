"""What the README says of action.yml and the release workflow, checked on the parsed YAML."""
import re
import sys

from ruamel.yaml import YAML

yaml = YAML(typ="safe")
failures = []


def expect(condition, message):
    if not condition:
        failures.append(message)


with open(sys.argv[1]) as f:
    action = yaml.load(f)
runs = action.get("runs", {})
expect(runs.get("using") == "composite", "action.yml: runs.using must be composite")
inputs = action.get("inputs", {})
for name in ("version", "args", "working-directory"):
    expect(name in inputs, f"action.yml: no input '{name}'")
expect(str(inputs.get("version", {}).get("default")) == "latest", "action.yml: version must default to latest")
steps = runs.get("steps", [])
expect(any("scripts/install" in str(step.get("run", "")) for step in steps), "action.yml: no step runs scripts/install")
expect(any("leadcheck \"$@\"" in str(step.get("run", "")) for step in steps), "action.yml: no step runs leadcheck with the args")
for step in steps:
    run = str(step.get("run", ""))
    expect("${{" not in run, "action.yml: inputs and contexts must reach a script through env, not be pasted into it")
    expect(re.search(r"\beval\b", run) is None, "action.yml: a script must not eval what it was given")

with open(sys.argv[2]) as f:
    release = yaml.load(f)
# YAML 1.1 reads the key `on` as true; ruamel's safe loader (1.2) keeps it a string.
trigger = release.get("on", release.get(True, {}))
expect("v*" in trigger.get("push", {}).get("tags", []), "release.yml: must run on v* tags")
text = open(sys.argv[2]).read()
expect("scripts/package" in text, "release.yml: must build with scripts/package")
expect("gh release upload" in text and "dist/*" in text, "release.yml: must attach the archive and its checksum")

for failure in failures:
    print(failure, file=sys.stderr)
sys.exit(1 if failures else 0)
