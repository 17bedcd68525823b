#!/usr/bin/env bash
# docs/translation.md stays true: every row names golden cases that exist and show the row's codes,
# and every report code the lowering can emit has a row.
#
# Each table row ends in a "golden" cell: `area/case` names under corpus/ (the case's report, in
# expected.diag or expected.out, must contain each code of the row as "[code]", in one of the
# named cases), or `unit: NAME` for a TEST_CASE/SUBCASE of tests/unit/translate/lower_test.cpp
# (for rows the front end keeps out; that file must mention the row's codes).
# Args: the isc2dnsmasq binary (unused), the source directory.
set -u
src="${2:-$(cd "$(dirname "$0")/../.." && pwd)}"
command -v python3 >/dev/null || { echo "SKIPPED: python3 is not installed"; exit 77; }
exec python3 - "$src" <<'EOF'
import glob, os, re, sys

src = sys.argv[1]
doc_path = os.path.join(src, "docs", "translation.md")
unit_path = os.path.join(src, "tests", "unit", "translate", "lower_test.cpp")
doc = open(doc_path, encoding="utf-8").read()
unit = open(unit_path, encoding="utf-8").read()
unit_names = set(re.findall(r'(?:TEST_CASE|SUBCASE)\("([^"]*)"', unit))
code_re = re.compile(r"(?:exact|approx|untranslatable)/[a-z0-9-]+")

def case_codes(case):
    text = ""
    for name in ("expected.diag", "expected.out"):
        p = os.path.join(src, "corpus", case, name)
        if os.path.exists(p):
            text += open(p, encoding="utf-8", errors="replace").read()
    return set(re.findall(r"\[(" + code_re.pattern + r")\]", text))

errors = []
rows = 0
in_table = False
for lineno, line in enumerate(doc.split("\n"), 1):
    if not line.startswith("|"):
        in_table = False
        continue
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if not in_table:
        in_table = cells[-1] == "golden"
        continue
    if set(line.replace("|", "").strip()) <= set("-: "):
        continue
    rows += 1
    golden = cells[-1]
    codes = set(code_re.findall(" | ".join(cells[:-1])))
    cases, units = [], []
    for item in [g.strip() for g in golden.split(",") if g.strip()]:
        m = re.fullmatch(r"unit: `([^`]+)`", item)
        if m:
            units.append(m.group(1))
            continue
        m = re.fullmatch(r"`([a-z0-9-]+/[a-z0-9-]+)`", item)
        if not m:
            errors.append(f"translation.md:{lineno}: golden cell item '{item}' is neither `area/case` nor unit: `NAME`")
            continue
        cases.append(m.group(1))
    if not cases and not units:
        errors.append(f"translation.md:{lineno}: row '{cells[0]}' names no golden case")
    shown = set()
    for c in cases:
        if not os.path.isdir(os.path.join(src, "corpus", c)):
            errors.append(f"translation.md:{lineno}: golden case corpus/{c} does not exist")
            continue
        shown |= case_codes(c)
    for u in units:
        if not any(u in n for n in unit_names):
            errors.append(f"translation.md:{lineno}: no unit test named like '{u}' in lower_test.cpp")
        shown |= {c for c in codes if c in unit}
    for code in sorted(codes - shown):
        errors.append(f"translation.md:{lineno}: code {code} of row '{cells[0]}' is not in the report of {golden}")

emitted = set()
for p in glob.glob(os.path.join(src, "src", "translate", "*.cpp")):
    emitted |= set(re.findall(r'"(' + code_re.pattern + r')"', open(p, encoding="utf-8").read()))
documented = set(code_re.findall(doc))
for code in sorted(emitted - documented):
    errors.append(f"translation.md: code {code} is emitted by src/translate but has no row")

for e in errors:
    print(e)
print(f"{rows} rows checked, {len(emitted)} codes emitted, {len(errors)} problems")
sys.exit(1 if errors or rows < 50 else 0)
EOF
