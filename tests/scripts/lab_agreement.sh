#!/usr/bin/env bash
# Lab agreement: the simulators' predictions against the real dhcpd and dnsmasq, field by field, over golden and wild configs.
#   lab_agreement.sh PATH/TO/isc2dnsmasq SOURCE_DIR     (exit 77 = skipped: needs root, dhcpd, dnsmasq, ip, python3)
#
# For every corpus/*/*/dhcpd.conf and the first LAB_AGREE_WILD (60) configs of shared/corpus/isc-wild
# that dhcpd accepts (SOURCES.tsv dhcpd_t=ok) and that fit the lab: tests/lab/remap_isc.py moves
# every address into 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (configs it cannot remap
# safely are skipped), `dhcpd -t` must accept the result, isc2dnsmasq_agree_prep generates up to
# LAB_AGREE_MAX (8) scenarios, the translation and both simulators' answers; isc2dnsmasq_lab sends
# each scenario to a fresh real dhcpd (ISC config; --predict: the ISC evaluator asked at the second
# of the send, so infinite leases are exact) and a fresh real dnsmasq (translated config; --expect =
# the dnsmasq evaluator's answers), addresses compared as candidate sets. For golden cases every
# scenario is sent with `isc2dnsmasq probe` (--probe), and probe's JSON is also compared with
# `isc2dnsmasq simulate --json` for the same scenario (every key but "pool", which only the
# simulator knows; yiaddr exact): the "probe vs simulate" count. LAB_AGREE_JOBS (2) configs run
# in parallel. It prints the agreement rate by field for each server and every mismatch as
# `MISMATCH server config scenario field: simulated | real`. The test fails on any mismatch that
# tests/lab/KNOWN_MISMATCHES.md does not list (same server, config, scenario and field), on a probe
# answer that differs from simulate's, on a server that does not start, and when fewer than
# LAB_AGREE_WILD_MIN (50) wild configs ran.
set -euo pipefail
tool=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
bindir=$(dirname "$tool")
lab=$bindir/tests/lab/isc2dnsmasq_lab
prep=$bindir/tests/lab/isc2dnsmasq_agree_prep
max=${LAB_AGREE_MAX:-8}
wild_max=${LAB_AGREE_WILD:-60}
wild_min=${LAB_AGREE_WILD_MIN:-50}
jobs=${LAB_AGREE_JOBS:-2}

if [ "$(id -u)" -ne 0 ]; then echo "SKIPPED: lab needs root"; exit 77; fi
for b in ip dhcpd dnsmasq python3; do
  command -v "$b" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin
  command -v "$b" >/dev/null 2>&1 || { echo "SKIPPED: lab needs '$b'"; exit 77; }
done
# A plain interpreter: a version-manager shim (pyenv) costs seconds per start.
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
for b in "$lab" "$prep"; do [ -x "$b" ] || { echo "lab_agreement: $b not built"; exit 1; }; done
wild=
for d in "$src/../shared/corpus" "$src/../../shared/corpus"; do
  if [ -f "$d/SOURCES.tsv" ] && [ -d "$d/isc-wild" ]; then wild=$(cd "$d" && pwd); break; fi
done

work=$(mktemp -d /tmp/i2d-agree.XXXXXX)
prefix=i2dagr-$$
cleanup() {
  # Each lab removes its namespaces itself (also on SIGTERM); stop running jobs by pid, then
  # delete any namespace left with this run's prefix (e.g. after a SIGKILL).
  for p in $(jobs -p); do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$prefix-" || true); do ip netns del "$ns" || true; done
  if [ -n "${LAB_AGREE_KEEP:-}" ]; then echo "lab_agreement: work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
start=$(date +%s.%N)

# 1. Candidates: golden cases, then accepted wild configs.
: >"$work/candidates"
for f in "$src"/corpus/*/*/dhcpd.conf; do
  case_dir=$(dirname "$f")
  echo "golden/$(basename "$(dirname "$case_dir")")/$(basename "$case_dir") $f" >>"$work/candidates"
done
if [ -n "$wild" ]; then
  awk -F'\t' 'NR > 1 && $1 ~ /^isc-wild\// && $6 == "ok" { print $1 }' "$wild/SOURCES.tsv" | while read -r rel; do
    echo "wild/$(basename "$rel") $wild/$rel" >>"$work/candidates"
  done
else
  echo "lab_agreement: shared/corpus/isc-wild not found next to the source tree; golden cases only (no wild minimum)"
  wild_min=0
fi

# 2. Remap, dhcpd -t, prepare. Sequential and cheap (no servers yet).
: >"$work/ready"
nwild=0
declare -A skipped=()
while read -r id path; do
  if [[ $id == wild/* ]] && [ "$nwild" -ge "$wild_max" ]; then continue; fi
  d=$work/cases/$(echo "$id" | tr '/' '_')
  mkdir -p "$d"
  why=
  if ! out=$("$py" "$src/tests/lab/remap_isc.py" "$path" "$d/dhcpd.conf" 2>&1); then
    why=${out#does not fit: }
  elif ! dhcpd -t -4 -cf "$d/dhcpd.conf" >"$d/dhcpd-t.log" 2>&1; then
    why="dhcpd -t rejects it (remapped)"
  elif ! out=$("$prep" --config "$d/dhcpd.conf" --out "$d" --max "$max" 2>&1); then
    why=${out#does not fit: }
  fi
  if [ -n "$why" ]; then
    skipped[$why]=$(( ${skipped[$why]:-0} + 1 ))
    rm -rf "$d"
    continue
  fi
  echo "$id $d" >>"$work/ready"
  if [[ $id == wild/* ]]; then nwild=$((nwild + 1)); fi
done <"$work/candidates"
echo "lab_agreement: $(wc -l <"$work/ready") configs fit the lab ($nwild wild), skipped:"
for why in "${!skipped[@]}"; do echo "  ${skipped[$why]} x $why"; done | sort -k1,1nr

# 3. Run both real servers on each config, LAB_AGREE_JOBS configs at a time.
# One lab run for SERVER into DIR/SERVER.{out,err,rc}. A run in which a scenario got no reply where
# the simulator predicted one is repeated once on fresh namespaces (DIR/SERVER.rerun records it):
# in a shared CI machine whole minutes of lab runs have lost every reply (both servers, relayed
# and broadcast alike), and a second measurement tells such an outage from a real "none".
lab_run() {  # lab_run SERVER DIR LAB-ARGS...
  local server=$1 d=$2 try
  shift 2
  for try in 1 2; do
    "$lab" --server "$server" "$@" >"$d/$server.out" 2>"$d/$server.err"
    echo $? >"$d/$server.rc"
    grep -q '"reply":"none".*"differences":\[[^]]*"field":"reply"' "$d/$server.out" || break
    if [ "$try" = 1 ]; then cp "$d/$server.out" "$d/$server.rerun"; fi
  done
}
run_case() {  # run_case N ID DIR
  local n=$1 id=$2 d=$3 link probe=()
  link=$(cat "$d/link.txt")
  if [[ $id == golden/* ]]; then probe=(--probe "$tool"); fi
  lab_run dhcpd "$d" --config "$d/dhcpd.conf" --link "$link" --scenarios "$d/scenarios.json" --timeout 2.5 \
    --predict "${probe[@]}" --name "$prefix-$n-d"
  if [ -f "$d/dnsmasq.conf" ]; then
    # log-facility (translated from ISC) only moves dnsmasq's log; the lab must own the log.
    grep -v '^log-facility=' "$d/dnsmasq.conf" >"$d/dnsmasq.lab.conf" || true
    lab_run dnsmasq "$d" --config "$d/dnsmasq.lab.conf" --link "$link" --scenarios "$d/scenarios.json" --timeout 2 \
      --expect "$d/dnsmasq.expect.json" "${probe[@]}" --name "$prefix-$n-m"
  fi
  if [ ${#probe[@]} -gt 0 ]; then probe_vs_simulate "$d" "$link"; fi
}
# probe's JSON (the lab's output lines) against `simulate --json` for the same scenario and config;
# dhcpd's with --now = the second the lab sent it. Writes DIR/SERVER.probe.json.
probe_vs_simulate() {  # probe_vs_simulate DIR LINK
  "$py" - "$tool" "$1" "$2" <<'PY'
import json, os, subprocess, sys
tool, d, link = sys.argv[1:4]
scen = json.load(open(os.path.join(d, "scenarios.json")))
for server, conf, kind in (("dhcpd", "dhcpd.conf", "isc"), ("dnsmasq", "dnsmasq.lab.conf", "dnsmasq")):
    out = os.path.join(d, f"{server}.out")
    if not os.path.exists(out):
        continue
    results = []
    for line in open(out):
        if not line.strip():
            continue
        row = json.loads(line)
        s = dict(scen[row["index"]]); s.pop("name", None)
        f = os.path.join(d, f"probe-{server}-{row['index']}.json")
        json.dump(s, open(f, "w"))
        cmd = [tool, "simulate", "--json", "--kind", kind, "--interface", link, "--client", "@" + f]
        if kind == "isc":
            cmd += ["--now", str(row["sent"])]
        p = subprocess.run(cmd + [os.path.join(d, conf)], capture_output=True, text=True)
        try:
            sim = json.loads(p.stdout)
        except ValueError:
            sim = {"error": (p.stdout + p.stderr).strip()[-200:]}
        got = dict(row["answer"])
        for a in (sim, got):
            a.pop("pool", None)
        diffs = sorted(k for k in set(sim) | set(got) if sim.get(k) != got.get(k))
        results.append({"index": row["index"], "name": row.get("name", ""), "diffs": diffs,
                        "simulate": {k: sim.get(k) for k in diffs}, "probe": {k: got.get(k) for k in diffs}})
    json.dump(results, open(os.path.join(d, f"{server}.probe.json"), "w"))
PY
}
n=0
while read -r id d; do
  n=$((n + 1))
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  set +e
  run_case "$n" "$id" "$d" &
  set -e
done <"$work/ready"
wait || true
end=$(date +%s.%N)

# 4. Agreement by field, mismatches against the known list.
"$py" - "$work/ready" "$src/tests/lab/KNOWN_MISMATCHES.md" "$start" "$end" "$nwild" "$wild_min" <<'PY'
import json, os, re, sys
ready, known_path, start, end, nwild, wild_min = sys.argv[1:7]
FIELDS = ["reply", "address", "siaddr", "sname", "file", "lease_time", "options"]
known = {}
for line in open(known_path):
    cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
    if len(cells) >= 5 and cells[0] in ("dhcpd", "dnsmasq"):
        known[tuple(cells[:4])] = cells[4]
stats = {s: {f: [0, 0] for f in FIELDS} for s in ("dhcpd", "dnsmasq")}
totals = {s: [0, 0, 0] for s in ("dhcpd", "dnsmasq")}  # configs, scenarios, scenarios fully agreeing
mismatches, failures, listed = [], [], set()
for line in open(ready):
    cid, d = line.split()
    for server in ("dhcpd", "dnsmasq"):
        rc_path = os.path.join(d, f"{server}.rc")
        if not os.path.exists(rc_path):
            if server == "dnsmasq":
                failures.append(f"{cid}: the translation does not read back, dnsmasq not run")
            continue
        rc = int(open(rc_path).read().strip() or 1)
        rows = [json.loads(l) for l in open(os.path.join(d, f"{server}.out")) if l.strip()]
        if rc not in (0, 3) or not rows:
            err = open(os.path.join(d, f"{server}.err")).read().strip().splitlines()[-3:]
            key = (server, cid, "-", "start")
            what = f"{server} {cid}: lab exit {rc}: {' / '.join(err)}"
            if key in known:
                listed.add(key)
                mismatches.append((what, known[key]))
            else:
                failures.append(what)
            continue
        totals[server][0] += 1
        for r in rows:
            totals[server][1] += 1
            diffs = r.get("differences", [])
            bad = {("options" if d["field"].startswith("option ") else d["field"]) for d in diffs}
            for f in FIELDS:
                stats[server][f][1] += 1
                if f not in bad:
                    stats[server][f][0] += 1
            if not diffs:
                totals[server][2] += 1
            for df in diffs:
                key = (server, cid, r["name"], df["field"])
                what = f"{server} {cid} [{r['name']}] {df['field']}: simulated {df['expected']} | real {df['real']}"
                if key not in known:
                    key = (server, cid, "*", df["field"])
                if key in known:
                    listed.add(key)
                    mismatches.append((what, known[key]))
                else:
                    failures.append(what)
probe = {s: [0, 0] for s in ("dhcpd", "dnsmasq")}  # same JSON, compared
probe_configs = 0
for line in open(ready):
    cid, d = line.split()
    if not cid.startswith("golden/"):
        continue
    probe_configs += 1
    for server in ("dhcpd", "dnsmasq"):
        path = os.path.join(d, f"{server}.probe.json")
        if not os.path.exists(path):
            continue
        for r in json.load(open(path)):
            probe[server][1] += 1
            if not r["diffs"]:
                probe[server][0] += 1
            else:
                failures.append(f"probe vs simulate {server} {cid} [{r['name']}]: simulate {r['simulate']} | probe {r['probe']}")
reruns = {s: 0 for s in ("dhcpd", "dnsmasq")}
for line in open(ready):
    cid, d = line.split()
    for server in reruns:
        if os.path.exists(os.path.join(d, f"{server}.rerun")):
            reruns[server] += 1
print(f"lab runs repeated after a predicted reply did not come: dhcpd {reruns['dhcpd']}, dnsmasq {reruns['dnsmasq']}")
for server in ("dhcpd", "dnsmasq"):
    same, n = probe[server]
    print(f"probe vs simulate, {server}: {same} of {n} scenarios give the same JSON ({probe_configs} golden configs)")
for server in ("dhcpd", "dnsmasq"):
    c, s, ok = totals[server]
    print(f"simulator vs real {server}: {c} configs, {s} scenarios, {ok} agree on every field")
    print(f"  {'field':<11} {'agree':>7} {'of':>6} {'rate':>7}")
    for f in FIELDS:
        a, t = stats[server][f]
        print(f"  {f:<11} {a:>7} {t:>6} {100.0 * a / t if t else 100.0:>6.1f}%")
for what, why in mismatches:
    print(f"known mismatch: {what}  -- {why}")
for what in failures:
    print(f"MISMATCH: {what}")
stale = [k for k in known if k not in listed]
for k in stale:
    print(f"note: KNOWN_MISMATCHES.md entry not seen in this run: {' '.join(k)}")
print(f"lab_agreement: {float(end) - float(start):.0f} s")
if int(nwild) < int(wild_min):
    print(f"FAIL: only {nwild} wild configs ran (at least {wild_min} required)")
    sys.exit(1)
sys.exit(1 if failures else 0)
PY
