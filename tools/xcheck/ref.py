#!/usr/bin/env python3
"""Independent reference implementation of moc-check (from the spec only).

Usage: ref.py --rules R.json [--leavers L.csv]... --as-of YYYY-MM-DD FILE...
Prints JSON: findings, data_issues, exemptions, summary, exit.
"""
import sys, os, re, json, datetime, calendar
from decimal import Decimal, ROUND_HALF_UP

ASSIGN_COLS = ["la_code", "assignment_id", "swe_number", "role", "start_date",
               "hourly_pay_rate", "end_date", "la_name", "worker_name", "team", "agency",
               "engagement_type", "hourly_charge_rate", "hours_per_week", "pqe_months",
               "left_substantive_date", "left_substantive_la", "notice_weeks",
               "reference_count", "reference_template", "references_complete_date",
               "project_team", "exemption_ref"]
ASSIGN_REQ = ["la_code", "assignment_id", "swe_number", "role", "start_date", "hourly_pay_rate"]
LEAVER_COLS = ["la_code", "swe_number", "leaving_date", "role", "worker_name"]
LEAVER_REQ = ["la_code", "swe_number", "leaving_date"]
ALL_COLS = list(dict.fromkeys(ASSIGN_COLS + LEAVER_COLS))

TYPES = {"start_date": "date", "end_date": "date", "left_substantive_date": "date",
         "references_complete_date": "date", "leaving_date": "date",
         "hourly_pay_rate": "money", "hourly_charge_rate": "money", "hours_per_week": "money",
         "notice_weeks": "money", "pqe_months": "int", "reference_count": "int",
         "reference_template": "bool", "project_team": "bool", "swe_number": "swe"}
ISSUE_FOR = {"date": "invalid_date", "money": "invalid_number", "int": "invalid_integer",
             "bool": "invalid_boolean", "swe": "invalid_swe_number"}


# ---------------------------------------------------------------- values
def is_blank(s):
    return s is None or s.strip() == ""


DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?: 00:00(?::00)?)?$", re.A)
DATE_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?: 00:00(?::00)?)?$", re.A)


def parse_date(s):
    s = s.strip()
    m = DATE_ISO.match(s)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = DATE_UK.match(s)
        if not m:
            return None
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return datetime.date(y, mo, d)
    except ValueError:
        return None


MONEY = re.compile(r"^(?:£\s*)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$", re.A)


def parse_money(s):
    s = s.strip()
    m = MONEY.match(s)
    if not m:
        return None
    return Decimal(m.group(1).replace(",", "") + (m.group(2) or ""))


def parse_int(s):
    s = s.strip()
    if re.fullmatch(r"[0-9]+", s):
        return int(s)
    return None


def parse_bool(s):
    s = s.strip().lower()
    if s in ("yes", "y", "true", "1"):
        return True
    if s in ("no", "n", "false", "0"):
        return False
    return None


def norm_swe(s):
    t = s.replace(" ", "").upper()
    if not re.fullmatch(r"SW[0-9]+", t):
        return None
    t = "SW" + t[2:].lstrip("0")
    if re.fullmatch(r"SW[1-9][0-9]{0,5}", t):
        return t
    return None


PARSERS = {"date": parse_date, "money": parse_money, "int": parse_int, "bool": parse_bool,
           "swe": norm_swe}


def pence(d):
    return int(Decimal(d).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) * 100)


def add_months(d, n):
    y = d.year + (d.month - 1 + n) // 12
    m = (d.month - 1 + n) % 12 + 1
    last = calendar.monthrange(y, m)[1]
    return datetime.date(y, m, min(d.day, last))


def norm_header(s):
    s = s.strip().lower()
    s = re.sub(r"[ \-_]+", "_", s)
    return s.strip("_")


def norm_role(s):
    return re.sub(r"\s+", " ", s.strip().lower())


def ymd(s):
    return datetime.date.fromisoformat(str(s))


# ---------------------------------------------------------------- ruleset
def load_ruleset(path, seen=()):
    if path.endswith(".yaml"):
        path = path[:-5] + ".json"
    with open(path, "r", encoding="utf-8") as f:
        doc = json.loads(f.read(), parse_float=Decimal)
    if "extends" in doc:
        parent = load_ruleset(os.path.join(os.path.dirname(path), doc["extends"].replace(".yaml", ".json")))
    else:
        parent = {"region": {"name": None, "las": {}}, "roles": {}, "columns": {},
                  "rules": [], "exemptions": []}
    out = dict(parent)
    for k in ("id", "name", "version", "status", "sources"):
        if k in doc:
            out[k] = doc[k]
    reg = doc.get("region") or {}
    out["region"] = {"name": reg.get("name", parent["region"]["name"]),
                     "las": dict(parent["region"]["las"])}
    out["region"]["las"].update(reg.get("las") or {})
    out["roles"] = dict(parent["roles"]); out["roles"].update(doc.get("roles") or {})
    out["columns"] = dict(parent["columns"]); out["columns"].update(doc.get("columns") or {})
    rules = list(parent["rules"])
    for r in doc.get("rules") or []:
        idx = next((i for i, x in enumerate(rules) if x["id"] == r["id"]), None)
        if r.get("enabled") is False and set(r.keys()) == {"id", "enabled"}:
            if idx is not None:
                rules.pop(idx)
            continue
        if idx is not None:
            rules[idx] = r
        else:
            rules.append(r)
    out["rules"] = rules
    out["exemptions"] = list(parent["exemptions"]) + list(doc.get("exemptions") or [])
    return out


# ---------------------------------------------------------------- CSV
class Broken(Exception):
    pass


def parse_csv(text):
    """returns (records [(line, fields)], broken_line or None)"""
    recs = []
    i, n, line = 0, len(text), 1
    while i < n:
        rec_line = line
        fields = []
        while True:
            if i < n and text[i] == '"':
                i += 1
                buf = []
                closed = False
                while i < n:
                    c = text[i]
                    if c == '"':
                        if i + 1 < n and text[i + 1] == '"':
                            buf.append('"'); i += 2; continue
                        i += 1; closed = True; break
                    if c == "\r":
                        if i + 1 < n and text[i + 1] == "\n":
                            buf.append("\r\n"); i += 2; line += 1; continue
                        line += 1
                    elif c == "\n":
                        line += 1
                    buf.append(c); i += 1
                if not closed:
                    return recs, rec_line
                fields.append("".join(buf))
                if i >= n:
                    break
                c = text[i]
                if c == ",":
                    i += 1; continue
                if c in "\r\n":
                    break
                # v1.1: text after a closing quote stays in the field, which then reads as
                # the opening quote, the quoted text, the closing quote and that text
                j = i
                while j < n and text[j] not in ",\r\n":
                    j += 1
                fields[-1] = '"' + fields[-1] + '"' + text[i:j]
                i = j
                if i < n and text[i] == ",":
                    i += 1; continue
                break
            else:
                j = i
                while j < n and text[j] not in ",\r\n":
                    j += 1
                fields.append(text[i:j])
                i = j
                if i < n and text[i] == ",":
                    i += 1; continue
                break
        # end of record: consume line break
        if i < n:
            if text[i] == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 2
            else:
                i += 1
            line += 1
        recs.append((rec_line, fields))
    return recs, None


def read_text(path):
    """returns text or None (unreadable)"""
    try:
        with open(path, "rb") as f:
            b = f.read()
    except OSError:
        return None
    if b.startswith(b"\xff\xfe") or b.startswith(b"\xfe\xff") or b.startswith(b"PK\x03\x04") \
            or b"\x00" in b:
        return None
    if b.startswith(b"\xef\xbb\xbf"):
        b2 = b[3:]
    else:
        b2 = b
    try:
        return b2.decode("utf-8")
    except UnicodeDecodeError:
        # reading shared with moc-check decisions.md #13: BOM removed also when falling back
        return b2.decode("cp1252", errors="replace")


# ---------------------------------------------------------------- main
class Ctx:
    def __init__(self):
        self.issues = []

    def issue(self, sev, code, file, line, column=None, rule=None):
        self.issues.append({"file": file, "line": line, "code": code, "severity": sev,
                            "column": column, "rule": rule})


def map_header(cells, aliases):
    """returns dict canonical -> index"""
    amap = {}
    for canon, names in aliases.items():
        for nm in names:
            amap.setdefault(norm_header(str(nm)), canon)
    out = {}
    for idx, c in enumerate(cells):
        h = norm_header(c)
        canon = None
        if h in ALL_COLS:
            canon = h
        elif h in amap:
            canon = amap[h]
        if canon and canon not in out:
            out[canon] = idx
    return out


def load_file(ctx, path, required, sev_rows):
    """returns (colmap, rows [(line, cells)] or None, header_width). rows None -> not checked"""
    text = read_text(path)
    if text is None:
        ctx.issue("error", "unreadable_file", path, None)
        return None
    recs, broken = parse_csv(text)
    nonblank = [(ln, f) for ln, f in recs if not all(is_blank(x) for x in f)]
    if not nonblank:
        ctx.issue("error", "unreadable_file", path, broken)
        return None
    hline, header = nonblank[0]
    return header, nonblank[1:], broken


def main(argv):
    rules_path = None; leavers = []; as_of = None; files = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--rules":
            rules_path = argv[i + 1]; i += 2
        elif a == "--leavers":
            leavers.append(argv[i + 1]); i += 2
        elif a == "--as-of":
            as_of = ymd(argv[i + 1]); i += 2
        else:
            files.append(a); i += 1
    rs = load_ruleset(rules_path)
    ctx = Ctx()

    # roles
    role_names = {}
    for key, r in rs["roles"].items():
        names = [key.replace("_", " "), r.get("label", "")] + list(r.get("aliases") or [])
        for nm in names:
            role_names.setdefault(norm_role(str(nm)), key)
    region_las = {str(k).strip().upper() for k in rs["region"]["las"].keys()}
    ex_list = rs["exemptions"]
    ex_ids = {e["id"].strip().lower(): i for i, e in enumerate(ex_list)}
    tallies = [{"id": e["id"], "applied": 0, "cited": 0, "cited_not_covering": 0} for e in ex_list]
    rules = rs["rules"]

    # leavers
    events = {}  # swe -> list of (la, date)
    for lp in leavers:
        res = load_file(ctx, lp, LEAVER_REQ, "warning")
        if res is None:
            continue
        header, rows, broken = res
        cm = map_header(header, rs["columns"])
        miss = [c for c in LEAVER_REQ if c not in cm]
        if miss:
            ctx.issue("error", "missing_column", lp, None)
            continue
        width = len(header)
        for ln, cells in rows:
            if any(not is_blank(c) for c in cells[width:]):
                ctx.issue("warning", "ragged_row", lp, ln); continue
            cells = cells + [""] * (width - len(cells))
            ok = True
            vals = {}
            for c in LEAVER_REQ:
                v = cells[cm[c]]
                if is_blank(v):
                    ctx.issue("warning", "missing_value", lp, ln, c); ok = False; continue
                if c == "la_code":
                    vals[c] = v.strip().upper(); continue
                p = PARSERS[TYPES[c]](v)
                if p is None:
                    ctx.issue("warning", ISSUE_FOR[TYPES[c]], lp, ln, c); ok = False
                vals[c] = p
            if ok:
                events.setdefault(vals["swe_number"], []).append((vals["la_code"], vals["leaving_date"]))
        if broken is not None:
            ctx.issue("error", "unreadable_file", lp, broken)

    findings = []
    seen = set()
    total_rows = 0; total_checked = 0
    for fp in files:
        res = load_file(ctx, fp, ASSIGN_REQ, "error")
        if res is None:
            continue
        header, rows, broken = res
        cm = map_header(header, rs["columns"])
        miss = [c for c in ASSIGN_REQ if c not in cm]
        if miss:
            ctx.issue("error", "missing_column", fp, None)
            continue
        width = len(header)
        # column_missing_for_rule
        rule_ok = []
        for r in rules:
            need = needs_cols(r)
            m = [c for c in need if c not in cm]
            if m:
                ctx.issue("warning", "column_missing_for_rule", fp, None, None, r["id"])
            rule_ok.append(not m)
        for ln, cells in rows:
            total_rows += 1
            if any(not is_blank(c) for c in cells[width:]):
                ctx.issue("error", "ragged_row", fp, ln); continue
            cells = cells + [""] * (width - len(cells))
            raw = {c: (cells[idx] if True else "") for c, idx in cm.items()}
            # parse every field
            val = {}   # column -> parsed value; absent key = absent column
            state = {}  # column -> 'ok' | 'blank' | 'invalid' | 'absent'
            for c in ASSIGN_COLS:
                if c not in cm:
                    state[c] = "absent"; continue
                v = raw[c]
                if is_blank(v):
                    state[c] = "blank"
                    if c in ASSIGN_REQ:
                        ctx.issue("error", "missing_value", fp, ln, c)
                        state[c] = "missing"  # required blank: rules needing it are not checked
                    continue
                t = TYPES.get(c)
                if t is None:
                    state[c] = "ok"; val[c] = v.strip(); continue
                p = PARSERS[t](v)
                if p is None:
                    state[c] = "invalid"
                    ctx.issue("error", ISSUE_FOR[t], fp, ln, c)
                else:
                    state[c] = "ok"; val[c] = p
            # role
            role = None
            if state["role"] == "ok":
                role = role_names.get(norm_role(val["role"]))
                if role is None:
                    state["role"] = "invalid"
                    ctx.issue("error", "unknown_role", fp, ln, "role")
            if state["end_date"] == "ok" and state["start_date"] == "ok" and val["end_date"] < val["start_date"]:
                ctx.issue("error", "end_before_start", fp, ln, "end_date")
                state["end_date"] = "blank"; del val["end_date"]
            own_event = None
            if state["left_substantive_date"] in ("ok", "invalid"):
                if state["left_substantive_la"] in ("blank", "absent"):
                    ctx.issue("error", "missing_left_substantive_la", fp, ln, "left_substantive_la")
                elif state["left_substantive_date"] == "ok":
                    own_event = (val["left_substantive_la"].upper(), val["left_substantive_date"])
            cited = []
            if state["exemption_ref"] == "ok":
                seen_ids = set()
                for part in val["exemption_ref"].split(";"):
                    p = part.strip().lower()
                    if not p or p in seen_ids:
                        continue
                    seen_ids.add(p)
                    if p in ex_ids:
                        cited.append(ex_ids[p])
                    else:
                        ctx.issue("warning", "unknown_exemption", fp, ln, "exemption_ref")
            # checked?
            if state["la_code"] != "ok" or state["assignment_id"] != "ok":
                continue
            key = (val["la_code"].upper(), val["assignment_id"])
            if key in seen:
                ctx.issue("error", "duplicate_assignment", fp, ln, "assignment_id"); continue
            seen.add(key)
            total_checked += 1
            la = val["la_code"].upper()
            cited = sorted(set(cited))
            for ci in cited:
                tallies[ci]["cited"] += 1
            row_breach_rules = set()
            for ri, r in enumerate(rules):
                if not rule_ok[ri]:
                    continue
                out = eval_rule(r, state, val, role, la, own_event, events, region_las)
                if out is None:
                    continue
                status, rate = out
                exemption = None
                nap = []
                if status == "breach":
                    for ei, e in enumerate(ex_list):
                        reason = ex_fail(e, r, la, role, state, val, rate, as_of, ei in cited)
                        if reason is None and exemption is None:
                            exemption = e["id"]
                        if ei in cited and reason is not None:
                            nap.append({"id": e["id"], "reason": reason})
                    if exemption is not None:
                        status = "exempted"
                        tallies[ex_ids[exemption.strip().lower()]]["applied"] += 1
                        nap = []
                    else:
                        row_breach_rules.add(r["id"])
                findings.append({"rule": r["id"], "status": status, "exemption": exemption,
                                 "file": fp, "line": ln, "severity": r.get("severity", "error"),
                                 "nap": nap})
            for ci in cited:
                if any(x in row_breach_rules for x in ex_list[ci]["rules"]):
                    tallies[ci]["cited_not_covering"] += 1
        if broken is not None:
            ctx.issue("error", "unreadable_file", fp, broken)

    ex_out = []
    for e, t in zip(ex_list, tallies):
        f, to = ymd(e["from"]), ymd(e["to"])
        if as_of < f:
            st = "pending"
        elif as_of > to:
            st = "expired"
        elif (to - as_of).days <= 30:
            st = "expiring"
        else:
            st = "active"
        t["status"] = st
        ex_out.append(t)
    summary = {"rows": total_rows, "checked": total_checked,
               "breaches": sum(1 for f in findings if f["status"] == "breach"),
               "exempted": sum(1 for f in findings if f["status"] == "exempted"),
               "unknown": sum(1 for f in findings if f["status"] == "unknown"),
               "data_errors": sum(1 for d in ctx.issues if d["severity"] == "error"),
               "data_warnings": sum(1 for d in ctx.issues if d["severity"] == "warning")}
    fail = summary["data_errors"] > 0 or any(
        f["status"] == "breach" and f["severity"] == "error" for f in findings)
    out = {"findings": findings, "data_issues": ctx.issues, "exemptions": ex_out,
           "summary": summary, "exit": 1 if fail else 0}
    print(json.dumps(out, indent=1))


def needs_cols(r):
    k = r["kind"]
    if k == "pay_cap":
        return ["role", "start_date", r["basis"]]
    if k == "cooling_off":
        return ["swe_number", "start_date"]
    if k == "min_pqe":
        return ["pqe_months"]
    if k == "references":
        n = ["reference_count"]
        if r.get("template_required"):
            n.append("reference_template")
        if r.get("before_start"):
            n += ["references_complete_date", "start_date"]
        return n
    if k == "min_notice":
        return ["notice_weeks"]
    if k == "project_team":
        return ["project_team"]
    raise ValueError(k)


def eval_rule(r, state, val, role, la, own_event, events, region_las):
    """returns None (compliant / not checked) or (status, rate)"""
    k = r["kind"]
    if k == "pay_cap":
        basis = r["basis"]
        if state["role"] != "ok" or state["start_date"] != "ok" or state[basis] in ("invalid", "missing"):
            return None
        sd = val["start_date"]
        win = None
        for w in r["caps"]:
            if ymd(w["from"]) <= sd and ("to" not in w or w["to"] is None or sd <= ymd(w["to"])):
                win = w; break
        if win is None:
            return None
        rates = win.get("rates") or {}
        if role not in rates:
            return None
        if state[basis] == "blank":
            return ("unknown", None)
        rate = val[basis]
        if pence(rate) > pence(Decimal(str(rates[role]))):
            return ("breach", rate)
        return None
    if k == "cooling_off":
        if state["swe_number"] != "ok" or state["start_date"] != "ok":
            return None
        sd = val["start_date"]
        evs = list(events.get(val["swe_number"], []))
        if own_event:
            evs.append(own_event)
        for ela, ld in evs:
            inscope = ela == la or (r["scope"] == "region" and (not region_las or ela in region_las))
            if inscope and ld <= sd <= add_months(ld, int(r["months"])):
                return ("breach", None)
        return None
    if k == "min_pqe":
        s = state["pqe_months"]
        if s == "invalid":
            return None
        if s == "blank":
            return ("unknown", None)
        return ("breach", None) if val["pqe_months"] < int(r["months"]) else None
    if k == "min_notice":
        s = state["notice_weeks"]
        if s == "invalid":
            return None
        if s == "blank":
            return ("unknown", None)
        return ("breach", None) if val["notice_weeks"] < Decimal(str(r["weeks"])) else None
    if k == "project_team":
        s = state["project_team"]
        if s == "invalid":
            return None
        if s == "blank":
            return ("unknown", None)
        return ("breach", None) if val["project_team"] else None
    if k == "references":
        needs = ["reference_count"]
        if r.get("template_required"):
            needs.append("reference_template")
        if r.get("before_start"):
            needs += ["references_complete_date", "start_date"]
        if any(state[c] == "invalid" for c in needs):
            return None
        if r.get("before_start") and state["start_date"] != "ok":
            return None
        breach = False; blank = False
        if state["reference_count"] == "blank":
            blank = True
        elif val["reference_count"] < int(r["min_count"]):
            breach = True
        if r.get("template_required"):
            if state["reference_template"] == "blank":
                blank = True
            elif val["reference_template"] is False:
                breach = True
        if r.get("before_start"):
            if state["references_complete_date"] == "blank":
                blank = True
            elif val["references_complete_date"] > val["start_date"]:
                breach = True
        if breach:
            return ("breach", None)
        if blank:
            return ("unknown", None)
        return None
    raise ValueError(k)


def ex_fail(e, r, la, role, state, val, rate, as_of, is_cited):
    if r["id"] not in e["rules"]:
        return "rule"
    if e.get("las") is not None and la not in {str(x).strip().upper() for x in e["las"]}:
        return "la"
    if e.get("roles") is not None and (role is None or role not in e["roles"]):
        return "role"
    if e.get("swe_numbers") is not None:
        sw = val.get("swe_number") if state["swe_number"] == "ok" else None
        if sw is None or sw not in {norm_swe(str(x)) for x in e["swe_numbers"]}:
            return "worker"
    f, to = ymd(e["from"]), ymd(e["to"])
    if state["start_date"] != "ok" or not (f <= val["start_date"] <= to):
        return "window"
    end = val.get("end_date") if state["end_date"] == "ok" else None
    if as_of > to and (end is None or end > to):
        return "lapsed"
    if r["kind"] == "pay_cap" and e.get("max_rate") is not None:
        if pence(rate) > pence(Decimal(str(e["max_rate"]))):
            return "max_rate"
    if not (e.get("blanket") is True or is_cited):
        return "cited"
    return None


if __name__ == "__main__":
    main(sys.argv[1:])
