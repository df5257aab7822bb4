#!/usr/bin/env python3
"""Derives rules/hs4-contract.toml — the response contract of each Hotel Service v4 operation —
from Concur's OpenAPI (HotelService.swagger2.json). Concur's file is not copied into the
repository: this script reads it where it is and writes otalint's own data, in otalint's format.

    scripts/hs4-contract.py ../shared/spec/concur-files/HotelService.swagger2.json > rules/hs4-contract.toml

`allOf` is flattened (properties and required of every part); `$ref` stays a reference by name.
A test (tests/it/hs4_contract.rs) compares the data with the OpenAPI where the file exists."""
import json
import sys

def toml_str(s):
    return json.dumps(s, ensure_ascii=False)

def flatten(d, defs):
    if "allOf" not in d:
        return d
    out = {"type": "object", "properties": {}, "required": []}
    for part in d["allOf"]:
        if "$ref" in part:
            part = flatten(defs[part["$ref"].split("/")[-1]], defs)
        out["properties"].update(part.get("properties", {}))
        out["required"] += [r for r in part.get("required", []) if r not in out["required"]]
        if "description" in part:
            out["description"] = part["description"]
    return out

def schema(s):
    """A field's schema as an inline TOML table."""
    parts = []
    if "$ref" in s:
        parts.append("ref = " + toml_str(s["$ref"].split("/")[-1]))
    if "type" in s:
        parts.append("type = " + toml_str(s["type"]))
    if "items" in s:
        parts.append("items = " + schema(s["items"]))
    if "enum" in s:
        parts.append("enum = [" + ", ".join(toml_str(str(v)) for v in s["enum"]) + "]")
    for key, name in [("format", "format"), ("pattern", "pattern")]:
        if key in s:
            parts.append(f"{name} = " + toml_str(s[key]))
    for key, name in [("minimum", "minimum"), ("maximum", "maximum"), ("minLength", "min_length"),
                      ("maxLength", "max_length"), ("minItems", "min_items"), ("multipleOf", "multiple_of")]:
        if key in s:
            parts.append(f"{name} = {s[key]}")
    return "{ " + ", ".join(parts) + " }"

def main(path):
    spec = json.load(open(path))
    defs = spec["definitions"]
    out = ["# The response contract of each Hotel Service v4 operation, derived from Concur's OpenAPI",
           "# (HotelService.swagger2.json) by scripts/hs4-contract.py: edit the script, not this file.",
           "# The format is described in rules/README.md (`[contract]`).", ""]
    for p, methods in sorted(spec["paths"].items()):
        for method, op in methods.items():
            name = op["operationId"].replace("hoteldetails", "details")
            body = [x for x in op.get("parameters", []) if x.get("in") == "body"]
            ok = op["responses"].get("200", {}).get("schema", {}).get("$ref", "")
            out.append(f"[contract.operations.{name}]")
            out.append("path = " + toml_str(p))
            if body:
                out.append("request = " + toml_str(body[0]["schema"]["$ref"].split("/")[-1]))
            out.append("response = " + toml_str(ok.split("/")[-1]))
            out.append("")
    for name in sorted(defs):
        d = flatten(defs[name], defs)
        out.append(f"[contract.definitions.{name}]")
        kind = d.get("type", "object" if "properties" in d else None)
        if kind:
            out.append("type = " + toml_str(kind))
        if d.get("required"):
            out.append("required = [" + ", ".join(toml_str(r) for r in d["required"]) + "]")
        # The definition's own facts beyond its fields (an enum, a format, a length, the items).
        for key, name in [("items", "items"), ("enum", "enum"), ("format", "format"), ("pattern", "pattern"),
                          ("minimum", "minimum"), ("maximum", "maximum"), ("minLength", "min_length"),
                          ("maxLength", "max_length"), ("minItems", "min_items"), ("multipleOf", "multiple_of")]:
            if key not in d:
                continue
            if key == "items":
                out.append("items = " + schema(d["items"]))
            elif key == "enum":
                out.append("enum = [" + ", ".join(toml_str(str(v)) for v in d["enum"]) + "]")
            elif isinstance(d[key], str):
                out.append(f"{name} = " + toml_str(d[key]))
            else:
                out.append(f"{name} = {d[key]}")
        for field, fs in d.get("properties", {}).items():
            out.append(f"fields.{field} = " + schema(fs))
        out.append("")
    print("\n".join(out).rstrip() + "\n", end="")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/spec/concur-files/HotelService.swagger2.json")
