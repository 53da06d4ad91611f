#!/usr/bin/env python3
"""Independent reference implementation of moc-check (from the spec only).

Usage: ref.py --rules R.json [--leavers L.csv]... [--starters S.csv]... [--period P]
              [--as-of YYYY-MM-DD] FILE...
Prints JSON: findings, data_issues, exemptions, inputs, summary, exit.
Covers spec v1.1 (engagements.md, rules.md, report.md, readings.md) for CSV and the
.xlsx workbooks written by gen.py (xlsx.py); profiles are not covered.
"""
import sys, os, re, json, datetime, calendar, hashlib, csv
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
STARTER_COLS = ["la_code", "swe_number", "start_date", "role", "previous_la", "previous_role",
                "promotion", "exemption_ref", "la_name", "worker_name"]
STARTER_REQ = ["la_code", "swe_number", "start_date", "role"]
IDENTITY = {"assignments": ["assignment_id", "swe_number", "start_date"],
            "leavers": ["swe_number", "leaving_date"],
            "starters": ["swe_number", "start_date"]}

TYPES = {"start_date": "date", "end_date": "date", "left_substantive_date": "date",
         "references_complete_date": "date", "leaving_date": "date",
         "hourly_pay_rate": "money", "hourly_charge_rate": "money", "hours_per_week": "money",
         "notice_weeks": "money", "pqe_months": "int", "reference_count": "int",
         "reference_template": "bool", "project_team": "bool", "swe_number": "swe",
         "promotion": "bool"}
ISSUE_FOR = {"date": "invalid_date", "money": "invalid_number", "int": "invalid_integer",
             "bool": "invalid_boolean", "swe": "invalid_swe_number"}


# ---------------------------------------------------------------- values
def is_blank(s):
    return s is None or s.strip() == ""


DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?: 00:00(?::00)?)?$", re.A)
DATE_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?: 00:00(?::00)?)?$", re.A)
# v1.1: as Excel displays dates: 01-Apr-2025, 1-apr-2025, 1 Apr 2025 (same separator twice)
DATE_TXT = re.compile(r"^(\d{1,2})([- ])([A-Za-z]+)\2(\d{4})(?: 00:00(?::00)?)?$", re.A)
MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                          "sep", "oct", "nov", "dec"])}
MONTHS["sept"] = 9


def parse_date(s):
    s = s.strip()
    m = DATE_ISO.match(s)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = DATE_UK.match(s)
        if m:
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        else:
            m = DATE_TXT.match(s)
            if not m or m.group(3).lower() not in MONTHS:
                return None
            d, mo, y = int(m.group(1)), MONTHS[m.group(3).lower()], int(m.group(4))
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
    d = Decimal(m.group(1).replace(",", "") + (m.group(2) or ""))
    # decisions 58: an amount whose whole pence reach 2^53 is invalid_number
    if d * 100 >= Decimal(2 ** 53) - Decimal("0.5"):
        return None
    return d


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


ENGAGEMENT = {"paye": "paye", "pay as you earn": "paye", "umbrella": "umbrella",
              "umbrella company": "umbrella", "umbrella co": "umbrella",
              "limited company": "limited_company", "limited": "limited_company",
              "ltd": "limited_company", "ltd company": "limited_company",
              "ltd co": "limited_company", "psc": "limited_company",
              "personal service company": "limited_company"}


def parse_engagement(s):
    t = s.lower().replace(".", "")
    t = re.sub(r"[^a-z0-9]+", " ", t).strip()
    return ENGAGEMENT.get(t)


# ---------------------------------------------------------------- councils
COUNCILS_CSV = os.environ.get("XCHECK_COUNCILS", "/work/shared/data/councils.csv")


def norm_council_name(s):
    t = s.lower().replace(".", "").replace("&", " and ")
    t = re.sub(r"[^a-z0-9]+", " ", t).strip()
    for p in ("london borough of ", "royal borough of "):
        if t.startswith(p):
            t = t[len(p):]
            break
    for e in (" metropolitan borough council", " county council", " city council",
              " borough council", " district council", " council"):
        if t.endswith(e):
            t = t[:-len(e)]
            break
    return t


class Councils:
    def __init__(self, region_las):
        self.dfe = {}
        self.table_names = {}
        with open(COUNCILS_CSV, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                self.dfe[row["dfe_la_number"].strip()] = row["ons_code"].strip()
                name = row["name"]
                forms = [name]
                for suf in (", City of", ", County of"):
                    if name.endswith(suf):
                        forms.append(name[:-len(suf)])
                for nm in forms:
                    n = norm_council_name(nm)
                    if n:
                        self.table_names.setdefault(n, row["ons_code"].strip())
        # region.las: code (resolved by steps 1, 2 and 4) -> name, merged order
        self.region_names = {}
        for code, name in region_las.items():
            n = norm_council_name(str(name)) if name is not None else ""
            if n:
                self.region_names.setdefault(n, code)

    def code(self, s):
        """steps 1, 2 and 4 (codes in rulesets)"""
        t = s.strip()
        if re.fullmatch(r"[Ee][0-9]{8}", t):
            return t.upper()
        if re.fullmatch(r"[0-9]{3}", t) and t in self.dfe:
            return self.dfe[t]
        return t.upper()

    def cell(self, s):
        """every step (council cells in the data)"""
        t = s.strip()
        if re.fullmatch(r"[Ee][0-9]{8}", t):
            return t.upper()
        if re.fullmatch(r"[0-9]{3}", t) and t in self.dfe:
            return self.dfe[t]
        n = norm_council_name(t)
        if n:
            if n in self.region_names:
                return self.region_names[n]
            if n in self.table_names:
                return self.table_names[n]
        return t.upper()


# ---------------------------------------------------------------- ruleset
_CODES = None


def RULESET_CODE(k):
    """a code in a ruleset: steps 1, 2 and 4 of engagements.md council"""
    global _CODES
    if _CODES is None:
        _CODES = Councils({})
    return _CODES.code(k)


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
    # merged by resolved code (steps 1, 2, 4): a child's 886 replaces a parent's E10000016
    for k, v in (reg.get("las") or {}).items():
        out["region"]["las"][RULESET_CODE(str(k))] = v
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


# ---------------------------------------------------------------- tables
class Ctx:
    def __init__(self):
        self.issues = []

    def issue(self, sev, code, file, line, column=None, rule=None):
        self.issues.append({"file": file, "line": line, "code": code, "severity": sev,
                            "column": column, "rule": rule})


def map_header(cells, kind_cols, aliases):
    """returns dict canonical -> index (leftmost wins; only the file kind's columns)"""
    amap = {}
    for canon, names in aliases.items():
        if canon not in kind_cols:
            continue
        for nm in names:
            h = norm_header(str(nm))
            if h in kind_cols:
                continue        # an alias never shadows a canonical name (decisions 3)
            amap.setdefault(h, canon)
    out = {}
    for idx, c in enumerate(cells):
        h = norm_header(c)
        canon = h if h in kind_cols else amap.get(h)
        if canon and canon not in out:
            out[canon] = idx
    return out


def read_records(path):
    """returns (records [(line, cells)], broken_line, sheet) or None (unreadable as a whole)"""
    try:
        with open(path, "rb") as f:
            b = f.read()
    except OSError:
        return None
    if b.startswith(b"PK\x03\x04"):
        import xlsx
        res = xlsx.read_workbook(b)
        if res is None:
            return None
        recs, sheet = res
        return recs, None, sheet
    if b.startswith(b"\xd0\xcf\x11\xe0"):
        return None
    text = read_text_bytes(b)
    if text is None:
        return None
    recs, broken = parse_csv(text)
    return recs, broken, None


def read_text_bytes(b):
    if b.startswith(b"\xff\xfe") or b.startswith(b"\xfe\xff") or b"\x00" in b:
        return None
    b2 = b[3:] if b.startswith(b"\xef\xbb\xbf") else b
    try:
        return b2.decode("utf-8")
    except UnicodeDecodeError:
        # reading shared with moc-check decisions.md #13: BOM removed also when falling back
        return b2.decode("cp1252", errors="replace")


SUMMARY_PREFIX = ("total", "subtotal", "sub-total", "grand total")


def is_summary(cells, cm, identity):
    for c in identity:
        if c in cm and cm[c] < len(cells) and not is_blank(cells[cm[c]]):
            return False
    for x in cells:
        t = x.strip().lower()
        if t.startswith(SUMMARY_PREFIX) or t.endswith(" total"):
            return True
    return False


def load_table(ctx, path, kind, cols, req, aliases, sev_file="error"):
    """returns (info, table) ; table None when the file is not checked.
    table = (colmap, width, rows [(line, cells)], broken)"""
    info = {"file": path, "kind": kind, "rows": 0, "skipped_above_header": 0, "sheet": None}
    res = read_records(path)
    if res is None:
        ctx.issue(sev_file, "unreadable_file", path, None)
        return info, None
    recs, broken, sheet = res
    info["sheet"] = sheet
    nonblank = [(ln, f) for ln, f in recs if not all(is_blank(x) for x in f)]
    if not nonblank:
        ctx.issue(sev_file, "unreadable_file", path, broken)
        return info, None
    hidx = 0
    for i, (ln, f) in enumerate(nonblank[:20]):
        cm = map_header(f, cols, aliases)
        if sum(1 for c in req if c in cm) >= 2:
            hidx = i
            break
    header = nonblank[hidx][1]
    info["skipped_above_header"] = hidx
    cm = map_header(header, cols, aliases)
    if any(c not in cm for c in req):
        ctx.issue(sev_file, "missing_column", path, None)
        return info, None
    return info, (cm, len(header), nonblank[hidx + 1:], broken)


class Period:
    def __init__(self, s):
        s = s.strip()
        m = re.fullmatch(r"(\d{4})-(\d{2})", s)
        if m:
            y, mo = int(m.group(1)), int(m.group(2))
            self.first = datetime.date(y, mo, 1)
            self.last = datetime.date(y, mo, calendar.monthrange(y, mo)[1])
            return
        m = re.fullmatch(r"(\d{4})-[Qq]([1-4])", s)
        if m:
            y, q = int(m.group(1)), int(m.group(2))
            self.first = datetime.date(y, 3 * q - 2, 1)
            self.last = datetime.date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
            return
        a, b = s.split("..")
        self.first, self.last = ymd(a), ymd(b)


# ---------------------------------------------------------------- main
def main(argv):
    rules_path = None; leavers = []; starters = []; as_of = None; files = []; period = None
    fail_on = "error"
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--rules":
            rules_path = argv[i + 1]; i += 2
        elif a == "--leavers":
            leavers.append(argv[i + 1]); i += 2
        elif a == "--starters":
            starters.append(argv[i + 1]); i += 2
        elif a == "--as-of":
            as_of = ymd(argv[i + 1]); i += 2
        elif a == "--fail-on":
            fail_on = argv[i + 1]; i += 2
        elif a == "--period":
            period = Period(argv[i + 1]); i += 2
        else:
            files.append(a); i += 1
    if as_of is None:
        as_of = period.last if period else datetime.date.today()
    rs = load_ruleset(rules_path)
    ctx = Ctx()
    councils = Councils(rs["region"]["las"])

    # roles
    role_names = {}
    for key, r in rs["roles"].items():
        names = [key.replace("_", " "), r.get("label", "")] + list(r.get("aliases") or [])
        for nm in names:
            role_names.setdefault(norm_role(str(nm)), key)
    grades = {k: r.get("grade") for k, r in rs["roles"].items()}
    region_las = set(rs["region"]["las"].keys())
    ex_list = rs["exemptions"]
    ex_ids = {e["id"].strip().lower(): i for i, e in enumerate(ex_list)}
    tallies = [{"id": e["id"], "applied": 0, "cited": 0, "cited_not_covering": 0} for e in ex_list]
    rules = rs["rules"]
    typed_run = any(isinstance(v, dict) for r in rules if r["kind"] == "pay_cap"
                    for w in r["caps"] for v in (w.get("rates") or {}).values())
    inputs = []

    # leavers
    events = {}  # swe -> list of (la, date)
    for lp in leavers:
        info, tab = load_table(ctx, lp, "leavers", LEAVER_COLS, LEAVER_REQ, rs["columns"])
        inputs.append(info)
        if tab is None:
            continue
        cm, width, rows, broken = tab
        for ln, cells in rows:
            if is_summary(cells, cm, IDENTITY["leavers"]):
                ctx.issue("warning", "summary_row", lp, ln); continue
            info["rows"] += 1
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
                    vals[c] = councils.cell(v); continue
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
    total_rows = 0; total_checked = 0; total_oop = 0
    ex_las = [None if e.get("las") is None else {councils.code(str(x)) for x in e["las"]} for e in ex_list]
    ex_swes = [None if e.get("swe_numbers") is None else {norm_swe(str(x)) for x in e["swe_numbers"]}
               for e in ex_list]

    def apply_exemptions(r, status, rate, la, role, state, val, cited, starter):
        exemption = None
        nap = []
        if status == "breach":
            for ei, e in enumerate(ex_list):
                reason = ex_fail(e, ex_las[ei], ex_swes[ei], r, la, role, state, val, rate, as_of,
                                 ei in cited, starter)
                if reason is None and exemption is None:
                    exemption = e["id"]
                if ei in cited and reason is not None:
                    nap.append({"id": e["id"], "reason": reason})
            if exemption is not None:
                status = "exempted"
                tallies[ex_ids[exemption.strip().lower()]]["applied"] += 1
                nap = []
        return status, exemption, nap

    def read_cited(state, val, fp, ln):
        cited = []
        if state.get("exemption_ref") == "ok":
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
        return cited

    def not_in_region(fp, ln, cells, cm, seen_codes):
        v = cells[cm["la_code"]]
        if region_las and not is_blank(v):
            code = councils.cell(v)
            if code not in region_las and code not in seen_codes:
                seen_codes.add(code)
                ctx.issue("warning", "council_not_in_region", fp, ln, "la_code")

    def fid(rule, la, aid):
        t = "\x1f".join([str(rs.get("id")), rule, la, aid])
        return hashlib.sha256(t.encode("utf-8")).hexdigest()[:12]

    assign_rules = [r for r in rules if r["kind"] != "head_hunting"]
    hh_rules = [r for r in rules if r["kind"] == "head_hunting"]

    for fp in files:
        info, tab = load_table(ctx, fp, "assignments", ASSIGN_COLS, ASSIGN_REQ, rs["columns"])
        info["checked"] = 0
        if period:
            info["out_of_period"] = 0
        inputs.append(info)
        if tab is None:
            continue
        cm, width, rows, broken = tab
        # column_missing_for_rule
        rule_ok = {}
        for r in assign_rules:
            m = [c for c in needs_cols(r) if c not in cm]
            if m:
                ctx.issue("warning", "column_missing_for_rule", fp, None, None, r["id"])
            rule_ok[r["id"]] = not m
        seen_codes = set()
        for ln, cells in rows:
            if is_summary(cells, cm, IDENTITY["assignments"]):
                ctx.issue("warning", "summary_row", fp, ln); continue
            total_rows += 1; info["rows"] += 1
            if any(not is_blank(c) for c in cells[width:]):
                ctx.issue("error", "ragged_row", fp, ln); continue
            cells = cells + [""] * (width - len(cells))
            raw = {c: cells[idx] for c, idx in cm.items()}
            if period:
                sd = parse_date(raw["start_date"])
                ed = parse_date(raw["end_date"]) if "end_date" in raw else None
                if (sd is not None and sd > period.last) or (ed is not None and ed < period.first):
                    total_oop += 1; info["out_of_period"] += 1
                    continue
            not_in_region(fp, ln, cells, cm, seen_codes)
            # parse every field
            val = {}   # column -> parsed value; absent key = absent column
            state = {}  # column -> 'ok' | 'blank' | 'missing' | 'invalid' | 'absent'
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
                if c == "engagement_type":
                    if typed_run:
                        p = parse_engagement(v)
                        if p is None:
                            state[c] = "invalid"
                            ctx.issue("error", "invalid_engagement_type", fp, ln, c)
                        else:
                            state[c] = "ok"; val[c] = p
                    else:
                        state[c] = "ok"; val[c] = v.strip()
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
                    own_event = (councils.cell(val["left_substantive_la"]), val["left_substantive_date"])
            cited = read_cited(state, val, fp, ln)
            # checked?
            if state["la_code"] != "ok" or state["assignment_id"] != "ok":
                continue
            la = councils.cell(val["la_code"])
            key = (la, val["assignment_id"])
            if key in seen:
                ctx.issue("error", "duplicate_assignment", fp, ln, "assignment_id"); continue
            seen.add(key)
            total_checked += 1; info["checked"] += 1
            cited = sorted(set(cited))
            for ci in cited:
                tallies[ci]["cited"] += 1
            row_breach_rules = set()
            for r in assign_rules:
                if not rule_ok[r["id"]]:
                    continue
                out = eval_rule(r, state, val, role, la, own_event, events, region_las)
                if out is None:
                    continue
                status, rate = out
                status, exemption, nap = apply_exemptions(r, status, rate, la, role, state, val, cited, False)
                if status == "breach":
                    row_breach_rules.add(r["id"])
                findings.append({"rule": r["id"], "status": status, "exemption": exemption,
                                 "file": fp, "line": ln, "severity": r.get("severity", "error"),
                                 "nap": nap, "la_code": la, "assignment_id": val["assignment_id"],
                                 "swe_number": val["swe_number"] if state["swe_number"] == "ok" else raw["swe_number"],
                                 "id": fid(r["id"], la, val["assignment_id"])})
            for ci in cited:
                if any(x in row_breach_rules for x in ex_list[ci]["rules"]):
                    tallies[ci]["cited_not_covering"] += 1
        if broken is not None:
            ctx.issue("error", "unreadable_file", fp, broken)

    # starters registers (rules.md head_hunting; engagements.md section 3)
    seen_st = set()
    for sp in starters:
        info, tab = load_table(ctx, sp, "starters", STARTER_COLS, STARTER_REQ, rs["columns"])
        info["checked"] = 0
        if period:
            info["out_of_period"] = 0
        inputs.append(info)
        if tab is None:
            continue
        cm, width, rows, broken = tab
        rule_ok = {}
        for r in hh_rules:
            m = [c for c in ["la_code", "swe_number", "start_date", "role", "previous_la"] if c not in cm]
            if m:
                ctx.issue("warning", "column_missing_for_rule", sp, None, None, r["id"])
            rule_ok[r["id"]] = not m
        seen_codes = set()
        for ln, cells in rows:
            if is_summary(cells, cm, IDENTITY["starters"]):
                ctx.issue("warning", "summary_row", sp, ln); continue
            total_rows += 1; info["rows"] += 1
            if any(not is_blank(c) for c in cells[width:]):
                ctx.issue("error", "ragged_row", sp, ln); continue
            cells = cells + [""] * (width - len(cells))
            raw = {c: cells[idx] for c, idx in cm.items()}
            if period:
                sd = parse_date(raw["start_date"])
                if sd is not None and (sd > period.last or sd < period.first):
                    total_oop += 1; info["out_of_period"] += 1
                    continue
            not_in_region(sp, ln, cells, cm, seen_codes)
            val = {}; state = {}
            for c in STARTER_COLS:
                if c not in cm:
                    state[c] = "absent"; continue
                v = raw[c]
                if is_blank(v):
                    state[c] = "blank"
                    if c in STARTER_REQ:
                        ctx.issue("error", "missing_value", sp, ln, c)
                        state[c] = "missing"
                    continue
                t = TYPES.get(c)
                if t is None:
                    state[c] = "ok"; val[c] = v.strip(); continue
                p = PARSERS[t](v)
                if p is None:
                    state[c] = "invalid"
                    ctx.issue("error", ISSUE_FOR[t], sp, ln, c)
                else:
                    state[c] = "ok"; val[c] = p
            role = prev_role = None
            if state["role"] == "ok":
                role = role_names.get(norm_role(val["role"]))
                if role is None:
                    state["role"] = "invalid"
                    ctx.issue("error", "unknown_role", sp, ln, "role")
            if state["previous_role"] == "ok":
                prev_role = role_names.get(norm_role(val["previous_role"]))
                if prev_role is None:
                    state["previous_role"] = "invalid"
                    ctx.issue("error", "unknown_role", sp, ln, "previous_role")
            cited = read_cited(state, val, sp, ln)
            if any(is_blank(raw[c]) for c in ("la_code", "swe_number", "start_date")):
                continue
            la = councils.cell(raw["la_code"])
            key = (la, val["swe_number"] if state["swe_number"] == "ok" else raw["swe_number"].strip(),
                   val["start_date"].isoformat() if state["start_date"] == "ok" else raw["start_date"].strip())
            if key in seen_st:
                ctx.issue("error", "duplicate_assignment", sp, ln, None); continue
            seen_st.add(key)
            total_checked += 1; info["checked"] += 1
            cited = sorted(set(cited))
            for ci in cited:
                tallies[ci]["cited"] += 1
            row_breach_rules = set()
            for r in hh_rules:
                if not rule_ok[r["id"]]:
                    continue
                out = eval_head_hunting(r, state, val, role, prev_role, la, councils, region_las, grades)
                if out is None:
                    continue
                status, exemption, nap = apply_exemptions(r, out, None, la, role, state, val, cited, True)
                if status == "breach":
                    row_breach_rules.add(r["id"])
                swe = val.get("swe_number")
                aid = "%s@%s" % (swe, val["start_date"].isoformat())
                findings.append({"rule": r["id"], "status": status, "exemption": exemption,
                                 "file": sp, "line": ln, "severity": r.get("severity", "error"),
                                 "nap": nap, "la_code": la, "assignment_id": None,
                                 "swe_number": val["swe_number"] if state["swe_number"] == "ok" else raw["swe_number"],
                                 "id": fid(r["id"], la, aid)})
            for ci in cited:
                if any(x in row_breach_rules for x in ex_list[ci]["rules"]):
                    tallies[ci]["cited_not_covering"] += 1
        if broken is not None:
            ctx.issue("error", "unreadable_file", sp, broken)

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
    if period:
        summary["out_of_period"] = total_oop
    # inputs in command-line order is not asked for; keep the tool's: assignments, leavers, starters
    levels = {"error": ("error",), "warning": ("error", "warning"), "never": ()}[fail_on]
    fail = fail_on != "never" and (summary["data_errors"] > 0 or any(
        f["status"] == "breach" and f["severity"] in levels for f in findings))
    out = {"findings": findings, "data_issues": ctx.issues, "exemptions": ex_out,
           "inputs": inputs, "summary": summary, "exit": 1 if fail else 0}
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
        cap = rates[role]
        if isinstance(cap, dict):   # v1.1: a rate by engagement type
            st = state["engagement_type"]
            if st == "invalid":
                return None         # readings 20: the issue stops the rule where it is needed
            if st in ("blank", "absent"):
                return ("unknown", None)
            if val["engagement_type"] not in cap:
                return None
            cap = cap[val["engagement_type"]]
        if state[basis] == "blank":
            return ("unknown", None)
        rate = val[basis]
        if pence(rate) > pence(Decimal(str(cap))):
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


def ex_fail(e, las, swes, r, la, role, state, val, rate, as_of, is_cited, starter):
    if r["id"] not in e["rules"]:
        return "rule"
    if las is not None and la not in las:
        return "la"
    if e.get("roles") is not None and (role is None or role not in e["roles"]):
        return "role"
    if swes is not None:
        sw = val.get("swe_number") if state["swe_number"] == "ok" else None
        if sw is None or sw not in swes:
            return "worker"
    f, to = ymd(e["from"]), ymd(e["to"])
    if state["start_date"] != "ok" or not (f <= val["start_date"] <= to):
        return "window"
    if not starter:
        end = val.get("end_date") if state["end_date"] == "ok" else None
        if as_of > to and (end is None or end > to):
            return "lapsed"
        if r["kind"] == "pay_cap" and e.get("max_rate") is not None:
            if pence(rate) > pence(Decimal(str(e["max_rate"]))):
                return "max_rate"
    if not (e.get("blanket") is True or is_cited):
        return "cited"
    return None


def eval_head_hunting(r, state, val, role, prev_role, la, councils, region_las, grades):
    """returns None (compliant / not checked) or a status"""
    if any(state[c] != "ok" for c in ("la_code", "swe_number", "start_date", "role")):
        return None
    if state["previous_la"] != "ok":
        return None
    prev = councils.cell(val["previous_la"])
    if prev == la:
        return None
    if r["scope"] == "region" and region_las and prev not in region_las:
        return None
    if state["promotion"] == "ok":
        return None if val["promotion"] else "breach"
    g_new = grades.get(role)
    g_old = grades.get(prev_role) if (prev_role is not None and state["previous_role"] == "ok") else None
    if g_new is not None and g_old is not None:
        return None if g_new > g_old else "breach"
    return "unknown"


if __name__ == "__main__":
    main(sys.argv[1:])
