#!/usr/bin/env python3
# Runs `isc2dnsmasq verify --json` over the isc-wild files dhcpd accepts and prints docs/verify-wild.md's tables.
"""usage: scripts/verify_wild.py BUILD/isc2dnsmasq SHARED_CORPUS_DIR > table.md

SHARED_CORPUS_DIR holds SOURCES.tsv and isc-wild/. Every real difference is shown with the
translation report code that explains it (verify's "translation" field) or as UNEXPLAINED;
intrinsic differences are counted by rule."""
import collections, json, os, subprocess, sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    exe, corpus = os.path.abspath(sys.argv[1]), sys.argv[2]
    files = []
    with open(os.path.join(corpus, "SOURCES.tsv")) as f:
        for i, line in enumerate(f):
            col = line.rstrip("\n").split("\t")
            if i and col[0].startswith("isc-wild/") and col[5] == "ok":
                files.append(col[0][len("isc-wild/"):])
    wild = os.path.join(corpus, "isc-wild")
    rows, totals = [], collections.Counter()
    by_code, by_rule, unexplained = collections.Counter(), collections.Counter(), []
    for name in files:
        p = subprocess.run([exe, "verify", "--json", name], cwd=wild, capture_output=True, text=True, timeout=300)
        if p.returncode not in (0, 3):
            rows.append((name, f"error (exit {p.returncode})", "", "", ""))
            totals["error"] += 1
            continue
        v = json.loads(p.stdout)
        totals[v["verdict"]] += 1
        totals["exercised"] += v["coverage"]["exercised"]
        totals["outcomes"] += v["coverage"]["total"]
        expl = collections.OrderedDict()
        for d in v["differences"]:
            for fl in d["fields"]:
                t = fl.get("translation")
                key = f'{fl["field"]}: {t["code"]} (line {t["at"].rsplit(":", 1)[1]})' if t else f'{fl["field"]}: UNEXPLAINED'
                if key not in expl:
                    expl[key] = 0
                    if t:
                        by_code[t["code"]] += 1
                    else:
                        unexplained.append(f"{name} {fl['field']}")
                expl[key] += d["count"]
        rules = collections.Counter()
        for d in v["intrinsic"]:
            for fl in d["fields"]:
                rules[fl["intrinsic"]] += d["count"]
        for r in rules:
            by_rule[r] += 1
        rows.append((name, v["verdict"], f'{v["equivalent"]}/{v["scenarios"]}',
                     f'{v["coverage"]["exercised"]}/{v["coverage"]["total"]}',
                     "; ".join(expl), ", ".join(sorted(rules))))
    print(f"Totals: {totals['equivalent']} equivalent, {totals['divergent']} divergent, "
          f"{totals['error']} input errors or crashes ({len(files)} files); guard outcomes exercised "
          f"{totals['exercised']} of {totals['outcomes']}.\n")
    print("Real differences by explanation (files with at least one such field):\n")
    print("| explanation | files |\n|---|---|")
    for code, n in sorted(by_code.items(), key=lambda x: (-x[1], x[0])):
        print(f"| {code} | {n} |")
    print(f"| unexplained | {len(set(u.split()[0] for u in unexplained))} |\n")
    print("Intrinsic differences by rule (files):\n")
    print("| rule | files |\n|---|---|")
    for r, n in sorted(by_rule.items(), key=lambda x: (-x[1], x[0])):
        print(f"| {r} | {n} |")
    print("\n| file | verdict | scenarios equivalent | coverage | real differences: field: explanation (ISC line) | intrinsic |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
