#!/usr/bin/env python3
"""Validates ruptag JSON output against docs/schema/ruptag-output.schema.json.

usage: validate_json.py SCHEMA OUTPUT.json [--lines]   (--lines: JSON Lines, one finding a line)
Exit 0 when valid, 1 when not (with every error), 2 when jsonschema is missing.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("python3-jsonschema is not installed (apt-get install python3-jsonschema)")


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    text = open(sys.argv[2], encoding="utf-8").read()
    if "--lines" in sys.argv:
        finding = dict(schema["$defs"]["finding"])
        finding["properties"] = dict(finding["properties"], path={"type": "string"}, language={"type": "string"})
        finding["required"] = finding["required"] + ["path", "language"]
        line_schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], **finding}
        documents = [json.loads(line) for line in text.splitlines()]
        validator = jsonschema.Draft202012Validator(line_schema)
    else:
        documents = [json.loads(text)]
        validator = jsonschema.Draft202012Validator(schema)
    errors = [e for d in documents for e in validator.iter_errors(d)]
    for e in errors:
        print(f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}")
    print(f"{len(documents)} document(s), {len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
