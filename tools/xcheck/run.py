#!/usr/bin/env python3
"""run.py [N] [START] : differential test moc-check vs ref.py"""
import sys, os, json, subprocess, collections, concurrent.futures, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bin", "moc-check")
BASE = "/tmp/xcheck"


def tool_has_starters():
    h = subprocess.run(["node", TOOL, "check", "--help"], capture_output=True, text=True).stdout
    return "--starters" in h


def run_case(seed):
    d = os.path.join(BASE, str(seed))
    shutil.rmtree(d, ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), str(seed), d], check=True)
    return seed, compare_dir(d)


def compare_dir(d):
    args = json.load(open(os.path.join(d, "args.json")))
    extra = [] if "--fail-on" in args else ["--fail-on", "error"]
    t = subprocess.run(["node", TOOL, "check"] + args + ["--format", "json"] + extra,
                       cwd=d, capture_output=True, text=True)
    r = subprocess.run([sys.executable, os.path.join(HERE, "ref.py")] + args, cwd=d,
                       capture_output=True, text=True)
    diffs = []
    if r.returncode != 0:
        return [("ref crashed", r.stderr[-800:])]
    ref = json.loads(r.stdout)
    if t.returncode == 2 or not t.stdout.strip():
        return [("tool exit %d" % t.returncode, t.stderr[-800:])]
    tool = json.loads(t.stdout)
    if t.returncode != ref["exit"]:
        diffs.append(("exit code tool=%d ref=%d" % (t.returncode, ref["exit"]), ""))
    # rule kind by id
    rk = {}
    for f in tool["findings"]:
        rk[f["rule"]] = f["kind"]
    ckid = lambda f: (f["file"], f["line"], f["rule"])
    tf = [(f["file"], f["line"], f["rule"], f["status"], f["exemption"]) for f in tool["findings"]]
    rf = [(f["file"], f["line"], f["rule"], f["status"], f["exemption"]) for f in ref["findings"]]
    tmap = {x[:3]: x for x in tf}
    rmap = {x[:3]: x for x in rf}
    rules_json = load_rule_kinds(d)
    for k in sorted(set(tmap) | set(rmap), key=lambda k: (str(k[0]), k[1] or 0, k[2])):
        a, b = tmap.get(k), rmap.get(k)
        if a == b:
            continue
        kind = rules_json.get(k[2], "?")
        sa = "none" if a is None else a[3] + ("(%s)" % "ex" if a[4] else "")
        sb = "none" if b is None else b[3] + ("(%s)" % "ex" if b[4] else "")
        if a and b and a[3] == b[3] == "exempted":
            sa, sb = "exempted by " + str(a[4]), "exempted by " + str(b[4])
            diffs.append(("finding %s: exemption named differs" % kind, "%s:%s %s tool=%s ref=%s" % (k[0], k[1], k[2], a[4], b[4])))
            continue
        diffs.append(("finding %s: tool=%s ref=%s" % (kind, sa, sb), "%s:%s %s" % k))
    if not diffs and tf != rf:
        diffs.append(("finding order", ""))
    # exemption_not_applied
    tn = {ckid(f): sorted((x["id"], x["reason"]) for x in (f.get("details") or {}).get("exemption_not_applied") or []) for f in tool["findings"]}
    for f in ref["findings"]:
        k = ckid(f)
        if k in tn and tmap.get(k) == rmap.get(k):
            rn = sorted((x["id"], x["reason"]) for x in f["nap"])
            if rn != tn[k]:
                diffs.append(("exemption_not_applied tool=%s ref=%s" % ([x[1] for x in tn[k]], [x[1] for x in rn]),
                              "%s:%s %s" % k))
    # data issues
    ik = lambda i: (i["file"], i["line"], i["code"], i["severity"], i.get("column"), i.get("rule") if i["code"] == "column_missing_for_rule" else None)
    ti = collections.Counter(ik(i) for i in tool["data_issues"])
    ri = collections.Counter(ik(i) for i in ref["data_issues"])
    for k in sorted(set(ti) | set(ri), key=str):
        if ti[k] != ri[k]:
            diffs.append(("issue %s/%s col=%s: tool=%d ref=%d" % (k[2], k[3], k[4], ti[k], ri[k]),
                          "%s:%s %s" % (k[0], k[1], k[5] or "")))
    # exemptions
    te = {e["id"]: e for e in tool["exemptions"]}
    for e in ref["exemptions"]:
        x = te.get(e["id"])
        if x is None:
            diffs.append(("exemption missing in tool", e["id"])); continue
        for fld in ("status", "applied", "cited", "cited_not_covering"):
            if x[fld] != e[fld]:
                diffs.append(("exemption %s differs" % fld, "%s tool=%s ref=%s" % (e["id"], x[fld], e[fld])))
    if [e["id"] for e in tool["exemptions"]] != [e["id"] for e in ref["exemptions"]]:
        diffs.append(("exemption list/order", ""))
    # inputs (v1.1 fields: an absent count reads 0, an absent sheet null: readings 38)
    tin = {(x["file"], x["kind"]): x for x in tool.get("inputs", [])}
    for x in ref["inputs"]:
        y = tin.get((x["file"], x["kind"]))
        if y is None:
            diffs.append(("input missing in tool", "%s %s" % (x["file"], x["kind"]))); continue
        for fld in ("rows", "checked", "skipped_above_header", "out_of_period", "sheet"):
            if fld not in x:
                continue
            dflt = None if fld == "sheet" else 0
            if y.get(fld, dflt) != x[fld]:
                diffs.append(("inputs[].%s (%s)" % (fld, x["kind"]), "%s tool=%s ref=%s" % (x["file"], y.get(fld, dflt), x[fld])))
    if len(tin) != len(ref["inputs"]):
        diffs.append(("inputs count", "tool=%d ref=%d" % (len(tin), len(ref["inputs"]))))
    # findings: council, assignment id and fingerprint
    tk = {ckid(f): f for f in tool["findings"]}
    for f in ref["findings"]:
        x = tk.get(ckid(f))
        if x is None:
            continue
        for fld in ("la_code", "assignment_id", "id", "swe_number"):
            if x.get(fld) != f[fld]:
                diffs.append(("finding %s" % fld, "%s:%s %s tool=%r ref=%r" % (ckid(f) + (x.get(fld), f[fld]))))
    for fld, v in ref["summary"].items():
        if tool["summary"].get(fld) != v:
            diffs.append(("summary %s" % fld, "tool=%s ref=%s" % (tool["summary"].get(fld), v)))
    return diffs


def load_rule_kinds(d):
    out = {}
    for n in ("parent.json", "child.json"):
        if not os.path.exists(os.path.join(d, n)):
            continue
        for r in json.load(open(os.path.join(d, n))).get("rules", []):
            if "kind" in r:
                out[r["id"]] = r["kind"]
    return out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    start = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    if "XCHECK_STARTERS" not in os.environ and tool_has_starters():
        os.environ["XCHECK_STARTERS"] = "1"
    kinds = collections.OrderedDict()
    agree = 0
    with concurrent.futures.ThreadPoolExecutor(8) as ex:
        for seed, diffs in ex.map(run_case, range(start, start + n)):
            if not diffs:
                agree += 1
            for k, example in diffs:
                if k not in kinds:
                    kinds[k] = [0, seed, example]
                kinds[k][0] += 1
    print("cases: %d  fully agreed: %d" % (n, agree))
    # summary-only kinds are secondary; show everything
    for k, (cnt, seed, ex_) in sorted(kinds.items(), key=lambda kv: -kv[1][0]):
        print("[%4d] %s\n        e.g. seed %d %s" % (cnt, k, seed, ex_.replace("\n", " | ")[:400]))


if __name__ == "__main__":
    main()
