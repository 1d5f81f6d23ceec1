"""Validates every results document the tests wrote against docs/results.schema.json.

usage: validate.py SCHEMA DIR MINIMUM
Fails when a document is invalid, or when fewer than MINIMUM documents were collected (so a
broken collection cannot pass by validating nothing).
"""
import json
import pathlib
import sys

from jsonschema import Draft202012Validator


def main() -> None:
    schema = json.load(open(sys.argv[1]))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    documents = sorted(pathlib.Path(sys.argv[2]).glob("*.json"))
    minimum = int(sys.argv[3])
    if len(documents) < minimum:
        sys.exit(f"only {len(documents)} results documents were collected (expected at least {minimum})")
    bad = 0
    for path in documents:
        errors = sorted(validator.iter_errors(json.load(open(path))), key=lambda e: list(e.path))
        for error in errors[:5]:
            print(f"{path.name}: {'/'.join(map(str, error.path)) or '(root)'}: {error.message}", file=sys.stderr)
        bad += bool(errors)
    if bad:
        sys.exit(f"{bad} of {len(documents)} results documents do not match {sys.argv[1]}")
    print(f"results schema: all {len(documents)} documents the tests wrote are valid")


if __name__ == "__main__":
    main()
