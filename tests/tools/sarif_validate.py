#!/usr/bin/env python3
"""Checks SARIF logs against the parts of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) that
code-scanning consumers rely on, plus GitHub's upload rules; no validator package exists on Debian 12.

usage: sarif_validate.py FILE.sarif [--min-results N] [--require-rule-prefix P] [--require-level L]
Prints one line per problem and exits 1 if there is any; prints a summary and exits 0 otherwise."""
import json
import re
import sys

LEVELS = {"none", "note", "warning", "error"}
COLUMN_KINDS = {"utf16CodeUnits", "unicodeCodePoints"}
# Properties the schema defines for each object we emit (the schema has no additionalProperties on
# most objects, but an unknown name here means a typo that every consumer would silently ignore).
ALLOWED = {
    "log": {"$schema", "version", "runs", "inlineExternalProperties", "properties"},
    "run": {"tool", "results", "columnKind", "originalUriBaseIds", "artifacts", "invocations", "properties",
            "automationDetails", "language", "defaultEncoding"},
    "tool": {"driver", "extensions", "properties"},
    "driver": {"name", "version", "semanticVersion", "informationUri", "rules", "fullName", "organization",
               "properties", "notifications", "shortDescription", "fullDescription"},
    "rule": {"id", "name", "shortDescription", "fullDescription", "defaultConfiguration", "helpUri", "help",
             "properties", "messageStrings"},
    "result": {"ruleId", "ruleIndex", "rule", "level", "kind", "message", "locations", "relatedLocations",
               "partialFingerprints", "fingerprints", "properties", "suppressions", "baselineState"},
    "location": {"id", "physicalLocation", "message", "logicalLocations", "properties"},
    "physical": {"artifactLocation", "region", "contextRegion", "properties"},
    "artifact": {"uri", "uriBaseId", "index", "description", "properties"},
    "region": {"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "byteOffset",
               "byteLength", "snippet", "message", "sourceLanguage", "properties"},
}
URI_REF = re.compile(r"^[A-Za-z0-9\-._~/%:?#\[\]@!$&'()*+,;=]+$")

problems = []


def fail(where, msg):
    problems.append(f"{where}: {msg}")


def obj(where, value, kind, required=()):
    if not isinstance(value, dict):
        fail(where, f"must be an object, got {type(value).__name__}")
        return False
    for r in required:
        if r not in value:
            fail(where, f"missing required property '{r}'")
    for k in value:
        if k not in ALLOWED[kind]:
            fail(where, f"unknown property '{k}' for {kind}")
    return True


def string(where, value, nonempty=True):
    if not isinstance(value, str) or (nonempty and not value):
        fail(where, f"must be a {'non-empty ' if nonempty else ''}string, got {value!r}")
        return False
    return True


def integer(where, value, minimum):
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        fail(where, f"must be an integer >= {minimum}, got {value!r}")
        return False
    return True


def message(where, value):
    if isinstance(value, dict):
        unknown = set(value) - {"text", "markdown", "id", "arguments", "properties"}
        if unknown:
            fail(where, f"unknown message properties {sorted(unknown)}")
        if "text" not in value and "id" not in value:
            fail(where, "message needs 'text' or 'id'")
        elif "text" in value:
            string(where + ".text", value["text"])
    else:
        fail(where, "must be a message object")


def region(where, r):
    if not obj(where, r, "region"):
        return
    if "startLine" not in r:
        fail(where, "missing startLine (we always emit line-based regions)")
        return
    integer(where + ".startLine", r["startLine"], 1)
    for k in ("startColumn", "endLine", "endColumn"):
        if k in r:
            integer(f"{where}.{k}", r[k], 1)
    end_line = r.get("endLine", r["startLine"])
    if isinstance(end_line, int) and isinstance(r["startLine"], int):
        if end_line < r["startLine"]:
            fail(where, "endLine < startLine")
        elif end_line == r["startLine"] and "startColumn" in r and "endColumn" in r:
            if r["endColumn"] < r["startColumn"]:
                fail(where, "endColumn < startColumn on one line")
    if "snippet" in r:
        if not isinstance(r["snippet"], dict) or not isinstance(r["snippet"].get("text"), str):
            fail(where + ".snippet", "must be an artifactContent with 'text'")


def location(where, loc, related):
    if not obj(where, loc, "location"):
        return
    if related:
        integer(where + ".id", loc.get("id"), -1)
        if "message" in loc:
            message(where + ".message", loc["message"])
    if "physicalLocation" not in loc:
        if not related:
            fail(where, "missing physicalLocation")
        return
    p = loc["physicalLocation"]
    if not obj(where + ".physicalLocation", p, "physical", ("artifactLocation",)):
        return
    a = p.get("artifactLocation", {})
    if obj(where + ".artifactLocation", a, "artifact", ("uri",)) and string(where + ".uri", a.get("uri")):
        uri = a["uri"]
        if not URI_REF.match(uri):
            fail(where + ".uri", f"not a percent-encoded URI reference: {uri!r}")
        if uri.startswith("/") or re.match(r"^[A-Za-z]:", uri):
            fail(where + ".uri", f"absolute path instead of a relative URI or file:// URI: {uri!r}")
    if "region" in p:
        region(where + ".region", p["region"])


def validate(doc, min_results, rule_prefix, want_level):
    if not obj("$", doc, "log", ("version", "runs")):
        return
    if doc.get("version") != "2.1.0":
        fail("$.version", f"must be \"2.1.0\", got {doc.get('version')!r}")
    if not isinstance(doc.get("$schema"), str) or "sarif" not in doc["$schema"] or "2.1.0" not in doc["$schema"]:
        fail("$.$schema", "must name the SARIF 2.1.0 schema")
    runs = doc.get("runs")
    if not isinstance(runs, list) or not runs:
        fail("$.runs", "must be a non-empty array")
        return
    if len(runs) > 20:
        fail("$.runs", "GitHub accepts at most 20 runs per file")
    total = 0
    for ri, run in enumerate(runs):
        w = f"$.runs[{ri}]"
        if not obj(w, run, "run", ("tool",)):
            continue
        if "columnKind" in run and run["columnKind"] not in COLUMN_KINDS:
            fail(w + ".columnKind", f"not one of {sorted(COLUMN_KINDS)}")
        tool = run.get("tool", {})
        if not obj(w + ".tool", tool, "tool", ("driver",)):
            continue
        driver = tool.get("driver", {})
        if not obj(w + ".tool.driver", driver, "driver", ("name",)):
            continue
        string(w + ".tool.driver.name", driver.get("name"))
        if "version" in driver:
            string(w + ".tool.driver.version", driver["version"])
        rules = driver.get("rules", [])
        ids = []
        if not isinstance(rules, list):
            fail(w + ".tool.driver.rules", "must be an array")
            rules = []
        for i, rule in enumerate(rules):
            rw = f"{w}.tool.driver.rules[{i}]"
            if not obj(rw, rule, "rule", ("id",)):
                continue
            string(rw + ".id", rule.get("id"))
            ids.append(rule.get("id"))
            for k in ("shortDescription", "fullDescription"):
                if k not in rule:
                    fail(rw, f"missing {k} (code scanning shows it)")
                elif not isinstance(rule[k], dict) or not isinstance(rule[k].get("text"), str) or not rule[k]["text"]:
                    fail(f"{rw}.{k}", "must be a multiformatMessageString with non-empty 'text'")
            lvl = rule.get("defaultConfiguration", {}).get("level", "warning")
            if lvl not in LEVELS:
                fail(rw + ".defaultConfiguration.level", f"not one of {sorted(LEVELS)}")
        if len(ids) != len(set(ids)):
            fail(w + ".tool.driver.rules", "rule ids are not unique")
        results = run.get("results")
        if not isinstance(results, list):
            fail(w + ".results", "must be an array (may be empty)")
            continue
        if len(results) > 25000:
            fail(w + ".results", "GitHub accepts at most 25000 results per run")
        referenced = set()
        fingerprints = set()
        for i, res in enumerate(results):
            rw = f"{w}.results[{i}]"
            if not obj(rw, res, "result", ("message",)):
                continue
            message(rw + ".message", res.get("message"))
            rid = res.get("ruleId")
            if not string(rw + ".ruleId", rid):
                continue
            referenced.add(rid)
            if rid not in ids:
                fail(rw + ".ruleId", f"'{rid}' is not in tool.driver.rules")
            if "ruleIndex" in res:
                idx = res["ruleIndex"]
                if integer(rw + ".ruleIndex", idx, 0) and (idx >= len(ids) or ids[idx] != rid):
                    fail(rw + ".ruleIndex", f"{idx} does not point at rule '{rid}'")
            if res.get("level", "warning") not in LEVELS:
                fail(rw + ".level", f"{res.get('level')!r} not one of {sorted(LEVELS)}")
            if want_level and res.get("level") == want_level:
                want_level = None
            locs = res.get("locations", [])
            if not isinstance(locs, list) or len(locs) > 1000:
                fail(rw + ".locations", "must be an array of at most 1000 locations")
                locs = []
            for li, loc in enumerate(locs):
                location(f"{rw}.locations[{li}]", loc, False)
            rel = res.get("relatedLocations", [])
            rel_ids = []
            for li, loc in enumerate(rel if isinstance(rel, list) else []):
                location(f"{rw}.relatedLocations[{li}]", loc, True)
                rel_ids.append(loc.get("id") if isinstance(loc, dict) else None)
            if len(rel_ids) != len(set(rel_ids)):
                fail(rw + ".relatedLocations", "ids are not unique")
            pf = res.get("partialFingerprints")
            if not isinstance(pf, dict) or not pf:
                fail(rw + ".partialFingerprints", "missing (needed to avoid duplicate alerts)")
            else:
                for k, v in pf.items():
                    string(f"{rw}.partialFingerprints[{k}]", v)
                key = tuple(sorted(pf.items()))
                if key in fingerprints:
                    fail(rw + ".partialFingerprints", "same fingerprint as an earlier result")
                fingerprints.add(key)
        for rid in ids:
            if rid not in referenced:
                fail(w + ".tool.driver.rules", f"rule '{rid}' is not used by any result")
        if rule_prefix and not any(r.startswith(rule_prefix) for r in referenced):
            fail(w, f"no result with a rule id starting with '{rule_prefix}'")
        if want_level:
            fail(w, f"no result with level '{want_level}'")
        total += len(results)
    if total < min_results:
        fail("$", f"expected at least {min_results} results, got {total}")
    return total


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    path = args[0]
    min_results, prefix, level = 0, None, None
    i = 1
    while i < len(args):
        if args[i] == "--min-results":
            min_results = int(args[i + 1])
        elif args[i] == "--require-rule-prefix":
            prefix = args[i + 1]
        elif args[i] == "--require-level":
            level = args[i + 1]
        else:
            print(f"unknown argument {args[i]}")
            return 2
        i += 2
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{path}: not valid JSON: {e}")
        return 1
    total = validate(doc, min_results, prefix, level)
    for p in problems:
        print(f"{path}: {p}")
    if problems:
        return 1
    print(f"{path}: valid SARIF 2.1.0 ({total} results)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
