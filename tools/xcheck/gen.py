#!/usr/bin/env python3
"""Seeded random case generator for the moc-check differential test.
gen.py SEED OUTDIR  -> writes parent.json child.json a*.csv l*.csv args.json"""
import sys, os, json, random, datetime, calendar

D = datetime.date


def add_months(d, n):
    y = d.year + (d.month - 1 + n) // 12
    m = (d.month - 1 + n) % 12 + 1
    return D(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def iso(d):
    return d.isoformat()


# (ONS code, DfE number, name in the councils table); E10000021 is a former council (not in it)
POOL = [("E10000011", "845", "East Sussex"), ("E06000043", "846", "Brighton and Hove"),
        ("E10000016", "886", "Kent"), ("E10000030", "936", "Surrey"),
        ("E06000036", "867", "Bracknell Forest"), ("E06000023", "801", "Bristol, City of"),
        ("E06000019", "884", "Herefordshire, County of"), ("E09000020", "207", "Kensington and Chelsea"),
        ("E08000025", "330", "Birmingham"), ("E10000021", "928", "Northamptonshire")]
POOLD = {c: (d, n) for c, d, n in POOL}
COUNCILS = [c for c, _, _ in POOL]
ENG_GOOD = ["PAYE", "P.A.Y.E.", "paye", "Pay As You Earn", "Umbrella", "Umbrella Co.", "umbrella company",
            "Ltd", "Ltd.", "LTD CO", "ltd-co", "Limited Company", "limited", "PSC", "Personal Service Company",
            "", "", " Umbrella  Company "]
ENG_BAD = ["Contractor", "self employed", "inside IR35", "Ltd Co Ltd", "umbrela", "P A Y E"]
KINDS = ["pay_cap", "cooling_off", "min_pqe", "references", "min_notice", "project_team"]


def gen(seed, out):
    R = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    ch = R.choice
    pr = lambda p: R.random() < p

    M = ch([0, 0, 0.3, 1, 1])
    def gb(good, bad, p=0.3):
        return ch(bad) if (bad and R.random() < p * M) else ch(good)
    def prm(p):
        return R.random() < p * M
    allwarn = pr(0.3)
    as_of = D(2025, 3, 1) + datetime.timedelta(days=R.randrange(0, 400))

    # ---------------- roles
    parent_roles = {
        "social_worker": {"label": "Social Worker", "aliases": ["SW", "Level 2 Social Worker"]},
        "senior_social_worker": {"label": "Senior Social Worker", "aliases": ["SSW", "Senior  Practitioner"]},
        "team_manager": {"label": "Team Manager", "aliases": ["TM"]},
    }
    starters_on = os.environ.get("XCHECK_STARTERS") == "1" and pr(0.6)
    if starters_on or pr(0.3):      # v1.1 role grades (head_hunting compares them)
        for k, g in (("social_worker", 1), ("senior_social_worker", 2), ("team_manager", 4)):
            if pr(0.8):
                parent_roles[k]["grade"] = g
    child_roles = {}
    if pr(0.5):
        child_roles["team_manager"] = {"label": "Team Manager", "aliases": ch([["Team Mgr"], ["TM", "Team Mgr"]])}
    if pr(0.6):
        child_roles["advanced_practitioner"] = {"label": "Advanced Practitioner", "aliases": ["AP", "Assistant Team Manager"]}
        if pr(0.6):
            child_roles["advanced_practitioner"]["grade"] = ch([2, 3, 4])
    merged_roles = dict(parent_roles); merged_roles.update(child_roles)
    import re as _re
    _nr = lambda x: _re.sub(r"\s+", " ", x.strip().lower())
    _known = set()
    for k, v in merged_roles.items():
        _known |= {_nr(k.replace("_", " ")), _nr(v["label"])} | {_nr(a) for a in v["aliases"]}
    role_cells = ["Social Worker", "social worker", "SW", "sw", " Level 2  Social Worker ", "SSW",
                  "Senior Practitioner", "senior   practitioner", "Senior Social Worker", "TM", "Team Manager",
                  "TEAM MANAGER", "team_manager", "Team Mgr", "AP", "Advanced Practitioner",
                  "assistant team manager", "Admin Officer", "Social", "Social_Worker", "IRO"]

    good_roles = [x for x in role_cells if _nr(x) in _known]
    # ---------------- region, columns
    def las_key(c):
        d = POOLD[c][0]
        return ch([c, c, c.lower(), d, d]) if d != "928" else c

    def las_name(c, shadow=True):
        n = POOLD[c][1]
        v = R.random()
        if v < 0.6:
            return n
        if v < 0.75:
            return n.split(",")[0] + " County Council"
        if v < 0.9:
            return "Council of " + n.split(",")[0]       # a local name only the region knows
        if shadow:
            return ch(POOL)[2]                            # shadows another council (readings 39)
        return n
    p_las = R.sample(COUNCILS[:8], R.randint(2, 5))
    region_p = {"name": "Parent Region", "las": {las_key(c): las_name(c) for c in p_las}}
    region_c = {}
    if pr(0.5):
        region_c["las"] = {las_key(c): las_name(c, False) for c in R.sample(COUNCILS[:8], R.randint(1, 2))}
    if pr(0.3):
        region_c["name"] = "Child Region"
    if pr(0.15):
        region_p = {"name": "Nowhere"}  # no las: any council
        if "las" in region_c and pr(0.5):
            del region_c["las"]
    cols_p = {}
    cols_c = {}
    if pr(0.5):
        cols_p["assignment_id"] = ["Assignment Ref"]
    if pr(0.5):
        cols_p["hourly_pay_rate"] = ["Pay Rate (£/hr)"]
    if pr(0.4):
        cols_c["swe_number"] = ["SWE Reg No"]
    if pr(0.3):
        cols_c["hourly_pay_rate"] = ["Hourly Rate"]  # replaces parent's alias whole
    if pr(0.3):
        cols_c["leaving_date"] = ["Left On"]
    if pr(0.3):
        cols_c["notice_weeks"] = ["Notice (weeks)"]
    merged_cols = dict(cols_p); merged_cols.update(cols_c)

    # ---------------- rules
    boundaries = [D(2024, 10, 1), D(2025, 4, 1), D(2025, 10, 1), D(2026, 4, 1)]

    typed = pr(0.35)

    def caps_for(role_keys):
        nwin = R.randint(1, 3)
        starts = sorted(R.sample([D(2024, 9, 1), D(2024, 12, 15), D(2025, 4, 1), D(2025, 7, 31), D(2025, 11, 1)], nwin))
        wins = []
        for i, s in enumerate(starts):
            w = {"from": iso(s)}
            last = i == len(starts) - 1
            if not last:
                nxt = starts[i + 1]
                gap = R.choice([1, 1, 1, 10])
                w["to"] = iso(nxt - datetime.timedelta(days=gap))
            elif pr(0.5):
                w["to"] = iso(s + datetime.timedelta(days=R.randrange(60, 400)))
            rates = {}
            for rk in role_keys:
                if pr(0.75):
                    base = R.choice([38, 41, 52, 45.5, 38.01, 40.99, 37.25, R.randint(2000, 6000) / 100,
                                     R.randint(200, 600) / 10])
                    rates[rk] = base
                    if typed and pr(0.5):   # v1.1: a rate by engagement type
                        rates[rk] = {t: R.choice([base, base + 1, R.randint(2000, 6000) / 100])
                                     for t in R.sample(["paye", "umbrella", "limited_company"], R.choice([0, 1, 2, 3, 3, 3]))}
            if pr(0.05):
                rates = {}
            w["rates"] = rates
            wins.append(w)
        if pr(0.1):
            R.shuffle(wins)
        return wins

    def make_rule(rid, kind, role_keys):
        r = {"id": rid, "kind": kind}
        if allwarn:
            r["severity"] = "warning"
        elif pr(0.3):
            r["severity"] = ch(["warning", "error"])
        if pr(0.3):
            r["title"] = "Rule " + rid
        if kind == "pay_cap":
            r["basis"] = ch(["hourly_pay_rate", "hourly_pay_rate", "hourly_charge_rate"])
            r["caps"] = caps_for(role_keys)
        elif kind == "cooling_off":
            r["months"] = ch([1, 3, 6, 6, 12])
            r["scope"] = ch(["same_la", "region"])
        elif kind == "min_pqe":
            r["months"] = ch([0, 24, 36])
        elif kind == "references":
            r["min_count"] = ch([0, 1, 2, 2])
            if pr(0.7):
                r["template_required"] = pr(0.7)
            if pr(0.7):
                r["before_start"] = pr(0.7)
        elif kind == "min_notice":
            r["weeks"] = ch([4, 4, 2.5, 0])
        elif kind == "head_hunting":
            r["scope"] = ch(["region", "any_other_la"])
        return r

    prole = list(parent_roles)
    mrole = list(merged_roles)
    p_rules = []
    kinds_p = R.sample(KINDS, R.randint(3, 6))
    if "pay_cap" not in kinds_p and pr(0.7):
        kinds_p.append("pay_cap")
    for i, k in enumerate(kinds_p):
        p_rules.append(make_rule("P-%s-%d" % (k.upper().replace("_", ""), i), k, prole))
    c_rules = []
    parent_ids = [r["id"] for r in p_rules]
    removed = set()
    for rid in R.sample(parent_ids, R.randint(0, min(2, len(parent_ids)))):
        kind = next(r["kind"] for r in p_rules if r["id"] == rid)
        c_rules.append(make_rule(rid, kind, mrole))
    overridden = {r["id"] for r in c_rules}
    cand = [x for x in parent_ids if x not in overridden]
    if cand and pr(0.5):
        rid = ch(cand)
        c_rules.append({"id": rid, "enabled": False})
        removed.add(rid)
    for j in range(R.randint(1, 3)):
        k = ch(KINDS)
        c_rules.append(make_rule("c-%s-%d" % (k.replace("_", ""), j), k, mrole))
    if starters_on:
        for j in range(ch([1, 1, 2])):
            c_rules.append(make_rule("HH-%d" % j, "head_hunting", mrole))
    R.shuffle(c_rules)
    all_rule_kind = {r["id"]: r["kind"] for r in p_rules}
    for r in c_rules:
        if "kind" in r:
            all_rule_kind[r["id"]] = r["kind"]
    merged_rules = [r for r in p_rules if r["id"] not in removed]
    for r in c_rules:
        if "kind" not in r:
            continue
        idx = next((i for i, x in enumerate(merged_rules) if x["id"] == r["id"]), None)
        if idx is None:
            merged_rules.append(r)
        else:
            merged_rules[idx] = r
    co_months = [r["months"] for r in merged_rules if r["kind"] == "cooling_off"] or [3]
    caps_vals = []
    cap_dates = []
    for r in merged_rules:
        if r["kind"] == "pay_cap":
            for w in r["caps"]:
                for v in w["rates"].values():
                    caps_vals += list(v.values()) if isinstance(v, dict) else [v]
                cap_dates.append(D.fromisoformat(w["from"]))
                if "to" in w:
                    cap_dates.append(D.fromisoformat(w["to"]))
    if not caps_vals:
        caps_vals = [40]

    # ---------------- workers
    workers = R.sample(range(1, 999999), 14)
    workers[0] = 123  # leading-zeros friendly
    workers = [w for w in workers]

    def swe_cell(w):
        s = "SW%d" % w
        c = R.random()
        if c < 0.5:
            return s
        if c < 0.6:
            return "sw %d" % w
        if c < 0.7:
            return "SW000%d" % w
        if c < 0.75:
            return " S W %s " % (" ".join(str(w)))
        if c < 0.8:
            return "Sw0%d" % w
        return s

    # ---------------- exemptions
    ex_defs = []

    def make_ex(eid, rule_pool, role_pool):
        e = {"id": eid, "rules": R.sample(rule_pool, R.randint(1, min(2, len(rule_pool))))}
        if pr(0.35):
            e["las"] = [ch([c, c.lower(), " " + c, POOLD[c][0]]) for c in R.sample(COUNCILS, R.randint(1, 3))]
        if pr(0.3):
            e["roles"] = R.sample(role_pool, R.randint(1, 2))
        if pr(0.25):
            e["swe_numbers"] = [ch(["SW%d" % w, "sw %d" % w, "SW00%d" % w]) for w in R.sample(workers, R.randint(1, 4))]
        kindf = R.random()
        if kindf < 0.25:   # past
            to = as_of - datetime.timedelta(days=R.choice([1, 1, 20, 100]))
            fr = to - datetime.timedelta(days=R.randrange(30, 400))
        elif kindf < 0.75:  # current
            to = as_of + datetime.timedelta(days=R.choice([0, 1, 29, 30, 31, 90, 200]))
            fr = as_of - datetime.timedelta(days=R.choice([0, 10, 200, 400]))
        else:   # future
            fr = as_of + datetime.timedelta(days=R.choice([1, 30]))
            to = fr + datetime.timedelta(days=R.choice([0, 100]))
        e["from"] = iso(fr); e["to"] = iso(to)
        if any(all_rule_kind.get(x) == "pay_cap" for x in e["rules"]) and pr(0.4):
            e["max_rate"] = ch([45, 55.0, 60.5, 41.01, round(float(ch(caps_vals)) + ch([0, 2.5, 0.01]), 2)])
        e["approved_by"] = ["DCS"]
        if pr(0.3):
            e["approved_on"] = iso(fr - datetime.timedelta(days=3))
        if pr(0.3):
            e["reason"] = "hard to fill"
        if pr(0.5):
            e["blanket"] = pr(0.8)
        return e

    p_ex = [make_ex("EX-P%d" % i, parent_ids, prole) for i in range(R.randint(0, 3))]
    c_rule_ids = list(all_rule_kind)
    c_ex = [make_ex("ex.c_%d" % i, c_rule_ids, mrole) for i in range(R.randint(0, 3))]
    ex_ids = [e["id"] for e in p_ex + c_ex]
    ex_dates = []
    for e in p_ex + c_ex:
        ex_dates += [D.fromisoformat(e["from"]), D.fromisoformat(e["to"])]

    parent = {"format": "moc-rules/v1", "id": "parent-set", "name": "Parent", "version": "2025-04",
              "status": ch(["adopted", "illustrative"]), "region": region_p, "roles": parent_roles, "rules": p_rules}
    if cols_p:
        parent["columns"] = cols_p
    if p_ex:
        parent["exemptions"] = p_ex
    use_yaml = pr(0.5) or True  # decisions 34: a rules file needs a top-level 'format:' line
    child = {"format": "moc-rules/v1", "extends": "parent.yaml" if use_yaml else "parent.json"}
    if pr(0.6):
        child["id"] = "child-set"
    if pr(0.4):
        child["version"] = 7
    if region_c:
        child["region"] = region_c
    if child_roles:
        child["roles"] = child_roles
    if cols_c:
        child["columns"] = cols_c
    child["rules"] = c_rules
    if c_ex:
        child["exemptions"] = c_ex
    with open(os.path.join(out, "parent.json"), "w") as f:
        json.dump(parent, f, indent=1, ensure_ascii=False)
    with open(os.path.join(out, "child.json"), "w") as f:
        json.dump(child, f, indent=1, ensure_ascii=False)
    if use_yaml:
        with open(os.path.join(out, "parent.yaml"), "w") as f:
            f.write(to_yaml(parent, R))
        with open(os.path.join(out, "child.yaml"), "w") as f:
            f.write(to_yaml(child, R))


    # ---------------- leaving events
    events = []
    leave_pool = [D(2025, 8, 31), D(2025, 1, 31), D(2024, 11, 30), D(2025, 3, 31), D(2024, 12, 31),
                  D(2025, 5, 29), D(2025, 2, 28), D(2024, 8, 31), D(2025, 6, 15), D(2024, 2, 29), D(2024, 10, 31)]
    for w in workers:
        for _ in range(R.choice([0, 0, 1, 1, 2])):
            events.append((w, ch(COUNCILS), ch(leave_pool + [D(2024, 6, 1) + datetime.timedelta(days=R.randrange(600))])))

    def fmt_date(d):
        if pr(0.05):
            return " " + fmt_date(d) + " "
        c = R.random()
        if c < 0.45:
            return iso(d)
        if c < 0.75:
            return d.strftime("%d/%m/%Y")
        if c < 0.85:
            return "%d/%d/%d" % (d.day, d.month, d.year)
        if c < 0.88:
            return d.strftime("%d/%m/%Y") + " 00:00"
        if c < 0.9:
            return iso(d) + " 00:00:00"
        # v1.1: as Excel displays dates
        mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.month - 1]
        if d.month == 9 and pr(0.3):
            mon = "Sept"
        mon = ch([mon, mon, mon.lower(), mon.upper()])
        day = ch(["%02d" % d.day, "%d" % d.day])
        sep = ch(["-", " "])
        return sep.join([day, mon, str(d.year)]) + ch(["", "", "", " 00:00", " 00:00:00"])

    BAD_DATES = ["31/02/2025", "2025-02-30", "25/12/25", "2025-01-05 10:30", "12/31/2025",
                 "2025/01/05", "5 January 2025", "2025-1-5", "29/02/2025", "00/01/2025",
                 "31-Apr-2025", "1-Apr 2025", "1  Apr  2025", "1-Apr-25", "29-Feb-2025", "1 Apr 2025 10:00",
                 "1/Apr/2025", "001-Apr-2025", "1 Sep. 2025"]

    def date_cell(d, pblank=0.0, pbad=0.03):
        if pr(pblank):
            return ch(["", "  "])
        if prm(pbad):
            return ch(BAD_DATES)
        return fmt_date(d)

    def money_cell(v, pblank=0.0, pbad=0.04):
        if pr(pblank):
            return ""
        if prm(pbad):
            return ch(["38.", ".5", "12,34", "-5", "abc", "£-3", "1,2345.00", "38..0", "£", "38,00"])
        s = ("%.3f" % v).rstrip("0")
        if s.endswith("."):
            s += ch(["00", "0", ""]) if pr(0.9) else ""
            if s.endswith("."):
                s = s[:-1]
        c = R.random()
        if c < 0.3:
            s = "£" + s
        elif c < 0.35:
            s = "£ " + s
        elif c < 0.4:
            s = " " + s + " "
        if v >= 1000 and pr(0.7):
            ip, _, fp = s.partition(".")
            pre = "£" if ip.startswith("£") else ""
            ip = ip.lstrip("£ ")
            ip = "{:,}".format(int(ip))
            s = pre + ip + ("." + fp if fp else "")
        return s

    def council_cell(code):
        d, n = POOLD[code]
        base = n.split(",")[0]
        v = R.random()
        if v < 0.35:
            return ch([code, code, code.lower(), " %s " % code])
        if v < 0.5:
            return ch([d, " " + d])
        if v < 0.85:
            return ch([n, base, base.upper(), base + " County Council", base + " Council", base + " City Council",
                       base.replace(" and ", " & "), base.replace(" and ", "&"), "London Borough of " + base,
                       "Royal Borough of " + base, base + " Metropolitan Borough Council", base + ".",
                       base + " District Council", "County of " + base, "Council of " + base])
        return ch(["0" + d, d + ".0", base + " CC", "Nowhere Council", code + " ", "---"])

    def title_rows():
        k = ch([0, 0, 0, 1, 1, 2, 3])
        if prm(0.02):
            k = ch([19, 20, 21])              # readings 2: the header must be among the first 20
        out = []
        for _ in range(k):
            out.append(ch([["Agency social workers: placements report"], ["Run date:", "30/11/2025"],
                           ["Prepared by", "HR", "", ""], ["Total placements", "12"], ["la_code"],
                           ["", "", "Page 1"], ["Council: Kent", "Assignment"]]))
            if pr(0.2):
                out.append([""])
        if prm(0.03):
            out.append(["Council", "SWE Number", "Start Date"])   # qualifies: it is the header
        return out

    def totals_rows(cols, colcount, identity):
        out = []
        for _ in range(ch([0, 0, 1, 1, 2])):
            cells = [""] * colcount
            label = ch(["Total", "TOTAL", "Grand Total", "Sub-total", "Subtotal", "Totals", "Kent Total",
                        "total hours", " Total ", "Grand total:", "Sum", "Surrey  Total", "Totally"])
            free = [i for i, c in enumerate(cols) if c not in identity] or [0]
            cells[ch(free)] = label
            for c in ("hourly_pay_rate", "hours_per_week"):
                if c in cols:
                    cells[cols.index(c)] = ch(["1,234.50", "=SUM(F2:F9)", ""])
            v = R.random()
            if v < 0.15:
                cells.append("Total")                           # beyond the width: still a summary row
            elif v < 0.3 and identity[0] in cols:
                cells[cols.index(identity[0])] = ch(["T-1", " "])  # an identity cell: a row (or not)
            out.append(cells)
        return out

    # ---------------- assignment files
    nfiles = R.randint(1, 3)
    used_keys = []
    files = []
    arow = 0
    for fi in range(nfiles):
        las_f = R.sample(COUNCILS, R.randint(1, 3))
        cols = ["la_code", "assignment_id", "swe_number", "role", "start_date", "hourly_pay_rate"]
        opt = ["end_date", "la_name", "worker_name", "team", "hourly_charge_rate", "hours_per_week",
               "pqe_months", "left_substantive_date", "left_substantive_la", "notice_weeks",
               "reference_count", "reference_template", "references_complete_date", "project_team",
               "exemption_ref", "agency", "engagement_type"]
        for o in opt:
            if pr(0.8):
                cols.append(o)
        if prm(0.05):
            cols.remove(ch(cols[:6]))
        R.shuffle(cols)

        def head(c):
            v = R.random()
            if c in merged_cols and v < 0.4:
                return ch(merged_cols[c])
            if c in cols_p and v < 0.45:
                return ch(cols_p[c])
            if c == "start_date" and v < 0.6:
                return ch(["  Start - Date ", "Start Date", "START_DATE"])
            if v < 0.5:
                return c
            if v < 0.8:
                return " ".join(x.capitalize() for x in c.split("_"))
            if v < 0.9:
                return c.upper().replace("_", "-")
            return "_" + c.replace("_", " - ") + " "
        header = [head(c) for c in cols]
        extra_head = []
        if pr(0.3):
            extra_head.append("Notes")
        if pr(0.1) and "hourly_pay_rate" in cols:
            extra_head.append("Hourly Pay Rate")   # second cell for same column: ignored
        header += extra_head
        colcount = len(header)
        if pr(0.15):
            header.append("")
            colcount += 1
        rows = []
        nrows = R.randint(0, 14) if pr(0.05) else R.randint(4, 14)
        for ri in range(nrows):
            arow += 1
            w = ch(workers)
            la = ch(las_f)
            rec = {}
            rec["la_code"] = council_cell(la) if not prm(0.03) else ""
            if used_keys and prm(0.07):
                kla, kid = ch(used_keys)
                rec["la_code"] = council_cell(kla)
                rec["assignment_id"] = ch([kid, " " + kid, kid.lower()])
            else:
                aid = "A-%d" % arow
                rec["assignment_id"] = aid if not prm(0.03) else ""
                if rec["assignment_id"] and rec["la_code"].strip():
                    used_keys.append((la, aid))
            if prm(0.06):
                rec["swe_number"] = ch(["SW0", "12345", "SW1234567", "SWX12", "SW 0000000", "S12", "", "SW-123"])
            else:
                rec["swe_number"] = swe_cell(w)
            rec["role"] = gb(good_roles, [x for x in role_cells if x not in good_roles], 0.3) if not prm(0.03) else ""
            # start date: edges
            c = R.random()
            wev = [e for e in events if e[0] == w]
            if c < 0.35 and wev:
                ev = ch(wev)
                m = ch(co_months)
                sd = add_months(ev[2], m) + datetime.timedelta(days=ch([0, 0, 1, -1]))
                if pr(0.15):
                    sd = ev[2] + datetime.timedelta(days=ch([0, -1]))
            elif c < 0.55 and ex_dates:
                sd = ch(ex_dates) + datetime.timedelta(days=ch([0, 1, -1]))
            elif c < 0.7 and cap_dates:
                sd = ch(cap_dates) + datetime.timedelta(days=ch([0, 1, -1]))
            else:
                sd = D(2024, 8, 1) + datetime.timedelta(days=R.randrange(0, 700))
            rec["start_date"] = date_cell(sd, pblank=0.02 * M)
            cap = ch(caps_vals)
            rate = float(cap) + ch([-3, -0.01, 0, 0, 0.004, 0.005, 0.006, 0.01, 2.5, 1000])
            rate = max(rate, 0)
            rec["hourly_pay_rate"] = money_cell(rate, pblank=0.03 * M)
            # end date
            if pr(0.5):
                rec["end_date"] = ""
            else:
                ed = ch([sd + datetime.timedelta(days=R.randrange(0, 300)), sd - datetime.timedelta(days=1 if M else -1)]
                        + [x + datetime.timedelta(days=ch([0, 1, -1])) for x in ex_dates[:4]])
                if M == 0 and ed < sd:
                    ed = sd
                rec["end_date"] = date_cell(ed)
            rec["la_name"] = "Council " + la
            rec["worker_name"] = ch(["Alys Thornbury", "Smith, John", 'Bob "Bobby" Jones', "Line\nBreak", "Ann\r\nLee", "O'Neil"])
            rec["team"] = ch(["Team A", "Children in Care, Maidstone", "", "Assessment\rNorth"])
            rec["agency"] = ch(["Acme", "", "5'10\" Staffing"])
            rec["hourly_charge_rate"] = money_cell(rate * ch([1, 1.3]) if pr(0.6) else float(cap) + ch([0, 0.005, 0.004, 1]), pblank=0.25)
            rec["engagement_type"] = gb(ENG_GOOD, ENG_BAD, 0.3)
            rec["hours_per_week"] = gb(["37", "37.5", "", "£37", "1,000"], ["thirty", "1,00", "-1"])
            rec["pqe_months"] = gb(["36", "35", "24", "23", "0", "", " 40 ", "100", "036"], ["36.0", "-3", "abc", "+5"])
            if pr(0.3):
                ld = ch(leave_pool) if pr(0.5) else sd - datetime.timedelta(days=R.randrange(0, 200))
                if pr(0.5):
                    ld = add_months(sd, -ch(co_months)) + datetime.timedelta(days=ch([0, -1, 1]))
                rec["left_substantive_date"] = date_cell(ld, pbad=0.08)
                rec["left_substantive_la"] = "" if prm(0.2) else council_cell(ch([la, ch(COUNCILS)]))
            else:
                rec["left_substantive_date"] = ""
                rec["left_substantive_la"] = "" if pr(0.9) else council_cell(ch(COUNCILS))
            rec["notice_weeks"] = gb(["4", "4.0", "3.999", "2.5", "2.49", "3", "£4", "", "0", "1,000", "4.0001"], ["four", "-1", "4.", "4 weeks"])
            rec["reference_count"] = gb(["2", "1", "0", "3", "", "02"], ["2.0", "two", "-1"])
            rec["reference_template"] = gb(["yes", "no", "Y", "n", "TRUE", "false", "1", "0", "", " Yes ", "No", "N"], ["maybe", "2", "ja"])
            rec["references_complete_date"] = date_cell(sd + datetime.timedelta(days=ch([-10, 0, 1, 5])), pblank=0.2)
            rec["project_team"] = gb(["no", "No", "yes", "Y", "", "0", "1", "N", "FALSE"], ["x", "nope"])
            if pr(0.45) and (ex_ids or pr(0.3)):
                parts = []
                for _ in range(R.randint(1, 3)):
                    if ex_ids and not prm(0.2):
                        eid = ch(ex_ids)
                        eid = ch([eid, eid.lower(), eid.upper(), " " + eid + " "])
                    else:
                        eid = ch(["EX-UNKNOWN", "ex-unknown", "SIGNOFF-9"])
                    parts.append(eid)
                rec["exemption_ref"] = ch([";", "; ", " ;"]).join(parts) + ("" if pr(0.8) else ";")
            else:
                rec["exemption_ref"] = ""
            cells = [rec.get(c, "") for c in cols] + ["note %d" % ri if pr(0.5) else ""] * len(extra_head)
            if "Hourly Pay Rate" in extra_head:
                cells[len(cols) + extra_head.index("Hourly Pay Rate")] = "999"
            cells += [""] * (colcount - len(cells))
            if prm(0.04):
                cells.append("oops")       # ragged
            elif pr(0.05):
                cells += ["", " "]           # trailing blanks: not ragged
            elif pr(0.04):
                cells = cells[:R.randint(3, max(3, len(cells) - 1))]  # short: padded
            rows.append(cells)
            if pr(0.05):
                rows.append([""] * R.choice([1, colcount, colcount + 3]))
            if prm(0.02):
                rows.append(list(cells[:3]) + [' "quoted" later'])
        for t in totals_rows(cols, colcount, ["assignment_id", "swe_number", "start_date"]):
            rows.insert(R.choice([len(rows), len(rows), R.randrange(0, len(rows) + 1)]), t)
        files.append(("a%d.csv" % (fi + 1), header, rows, title_rows()))

    # ---------------- leavers
    lfiles = []
    for li in range(R.choice([0, 1, 1, 2])):
        hcols = ["la_code", "swe_number", "leaving_date", "role", "worker_name"]
        if pr(0.5):
            hcols = hcols[:3]
        R.shuffle(hcols)
        if pr(0.05):
            hcols.remove(ch(["la_code", "swe_number", "leaving_date"]))
        hdr = []
        for c in hcols:
            if c in merged_cols and pr(0.5):
                hdr.append(ch(merged_cols[c]))
            else:
                hdr.append(ch([c, " ".join(x.capitalize() for x in c.split("_"))]))
        rows = []
        evs = events[li::2] if R.random() < 0.7 else events
        for (w, la, ld) in evs:
            rec = {"la_code": council_cell(la), "swe_number": swe_cell(w),
                   "leaving_date": fmt_date(ld), "role": "SW", "worker_name": ch(["X", "Y, Z"])}
            b = R.random()
            if b < 0.05:
                rec["la_code"] = ""
            elif b < 0.1:
                rec["leaving_date"] = ch(BAD_DATES)
            elif b < 0.14:
                rec["swe_number"] = "SW0"
            cells = [rec[c] for c in hcols]
            if pr(0.04):
                cells.append("extra")
            rows.append(cells)
        R.shuffle(rows)
        for t in totals_rows(hcols, len(hcols), ["swe_number", "leaving_date"]):
            rows.insert(R.randrange(0, len(rows) + 1), t)
        lfiles.append(("l%d.csv" % (li + 1), hdr, rows, title_rows()))

    # ---------------- starters registers (engagements.md section 3)
    sfiles = []
    for si in range(ch([1, 1, 2]) if starters_on else 0):
        scols = ["la_code", "swe_number", "start_date", "role"]
        for o in ["previous_la", "previous_role", "promotion", "exemption_ref", "la_name", "worker_name"]:
            if pr(0.85 if o != "previous_la" else 0.93):
                scols.append(o)
        if prm(0.04):
            scols.remove(ch(scols[:4]))
        if pr(0.1):
            scols.append("hourly_pay_rate")        # readings 14: not a starters column
        R.shuffle(scols)
        hdr = []
        for c in scols:
            if c in merged_cols and pr(0.5):
                hdr.append(ch(merged_cols[c]))
            else:
                hdr.append(ch([c, " ".join(x.capitalize() for x in c.split("_")), c.upper()]))
        rows = []
        keys = []
        for ri in range(R.randint(3, 12)):
            la = ch(p_las * 3 + COUNCILS)
            w = ch(workers)
            sd = D(2024, 9, 1) + datetime.timedelta(days=R.randrange(0, 500))
            if keys and prm(0.12):
                la, w, sd = ch(keys)                   # a duplicate, written another way
            else:
                keys.append((la, w, sd))
            rec = {"la_code": council_cell(la) if not prm(0.04) else "",
                   "swe_number": swe_cell(w) if not prm(0.06) else ch(["SW0", "", "12345"]),
                   "start_date": date_cell(sd, pblank=0.03 * M),
                   "role": gb(good_roles, [x for x in role_cells if x not in good_roles], 0.2) if not prm(0.03) else ""}
            v = R.random()
            if v < 0.2:
                rec["previous_la"] = ""
            elif v < 0.35:
                rec["previous_la"] = council_cell(la)          # the same council
            else:
                rec["previous_la"] = council_cell(ch(p_las * 3 + COUNCILS))
            rec["previous_role"] = gb(good_roles + ["", ""], [x for x in role_cells if x not in good_roles], 0.2)
            rec["promotion"] = gb(["yes", "no", "", "", "", "Y", "N", "TRUE", "0"], ["maybe", "promoted"])
            if pr(0.35) and ex_ids:
                rec["exemption_ref"] = "; ".join(ch(ex_ids + ["EX-UNKNOWN"]) for _ in range(R.randint(1, 2)))
            else:
                rec["exemption_ref"] = ""
            rec["la_name"] = POOLD[la][1]
            rec["worker_name"] = ch(["Ann Lee", "Smith, J"])
            rec["hourly_pay_rate"] = "99"
            cells = [rec[c] for c in scols]
            if prm(0.04):
                cells.append("oops")
            rows.append(cells)
        for t in totals_rows(scols, len(scols), ["swe_number", "start_date"]):
            rows.insert(R.randrange(0, len(rows) + 1), t)
        sfiles.append(("s%d.csv" % (si + 1), hdr, rows, title_rows()))

    # ---------------- write
    def write_csv(name, header, rows, pre):
        nl = ch(["\n", "\r\n", "\r", "\n", "\r\n"])
        mixed = pr(0.1)
        recs = []
        if pr(0.1):
            recs.append(ch(["", ",,,", " , "]))
        allrows = pre + [header] + rows
        for cells in allrows:
            fo = []
            for c in cells:
                if any(x in c for x in ',"\r\n') and not (c.count('"') and not c.startswith('"') and not any(x in c for x in ",\r\n")):
                    fo.append('"' + c.replace('"', '""') + '"')
                elif pr(0.05) and c:
                    fo.append('"' + c.replace('"', '""') + '"')
                else:
                    fo.append(c)
            recs.append(",".join(fo))
        broken = None
        if prm(0.05) and len(recs) > 2:
            pos = R.randrange(1, len(recs))
            if pr(0.5):
                recs[pos] = ch(['"bad"x,', '"bad" ,']) + recs[pos]
            else:
                recs.append('"unterminated,foo')
        text = ""
        for i, r in enumerate(recs):
            text += r
            if i < len(recs) - 1 or pr(0.8):
                text += ch(["\n", "\r\n", "\r"]) if mixed else nl
        enc = R.random()
        if enc < 0.15:
            data = b"\xef\xbb\xbf" + text.encode("utf-8")
        elif enc < 0.35:
            data = text.encode("cp1252", errors="replace")
        elif enc < 0.35 + 0.02 * M:
            data = b"\xff\xfe" + text.encode("utf-16-le")
        else:
            data = text.encode("utf-8")
        if prm(0.02):
            data = b""
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)

    import xlsx
    wb_share = ch([0, 0.3, 0.5, 1]) if os.environ.get("XCHECK_XLSX", "1") == "1" else 0

    def write_any(i, n, h, r, pre, lst):
        if pr(wb_share):
            nn = n[:-4] + ch([".xlsx", ".xlsx", ".xlsm", ".csv"])
            lst[i] = (nn, h, r, pre)
            xlsx.write_workbook(os.path.join(out, nn), pre + [h] + r, R,
                                ch(["Sheet1", "Placements", "Data export"]))
        else:
            write_csv(n, h, r, pre)
    for i, (n, h, r, pre) in enumerate(list(files)):
        write_any(i, n, h, r, pre, files)
    for i, (n, h, r, pre) in enumerate(list(lfiles)):
        write_any(i, n, h, r, pre, lfiles)
    for i, (n, h, r, pre) in enumerate(list(sfiles)):
        write_any(i, n, h, r, pre, sfiles)
    args = ["--rules", "child.yaml" if use_yaml else "child.json"]
    for n, *_ in lfiles:
        args += ["--leavers", n]
    for n, *_ in sfiles:
        args += ["--starters", n]
    if pr(0.25):
        v = R.random()
        if v < 0.4:
            p = "%d-%02d" % (ch([2024, 2025, 2025]), R.randint(1, 12))
        elif v < 0.7:
            p = "%d-%s%d" % (ch([2024, 2025]), ch(["Q", "q"]), R.randint(1, 4))
        else:
            a = D(2024, 9, 1) + datetime.timedelta(days=R.randrange(0, 400))
            p = "%s..%s" % (iso(a), iso(a + datetime.timedelta(days=R.randrange(0, 120))))
        args += ["--period", p]
        if pr(0.5):
            args += ["--as-of", iso(as_of)]
    else:
        args += ["--as-of", iso(as_of)]
    if pr(0.2):
        args += ["--fail-on", ch(["warning", "never", "error"])]
    args += [n for n, *_ in files]
    with open(os.path.join(out, "args.json"), "w") as f:
        json.dump(args, f)


import re
SAFE = re.compile(r"^[A-Za-z][A-Za-z0-9 ._/()'-]*[A-Za-z0-9.)]$|^[A-Za-z]$")
RESERVED = {"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"}


def yscalar(v, R, key=None):
    if isinstance(v, bool):
        if key == "blanket" or key in ("template_required", "before_start"):
            return R.choice(["true", "false", "True", "yes", "No", "YES", "TRUE"][:]) if False else \
                R.choice({True: ["true", "yes", "Yes", "TRUE", "YES"], False: ["false", "no", "No", "FALSE"]}[v])
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    s = str(v)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s) and R.random() < 0.7:
        return s                       # unquoted date
    if re.fullmatch(r"[1-9][0-9]*", s) and R.random() < 0.7:
        return s                       # council code as a number
    if SAFE.match(s) and s.lower() not in RESERVED and R.random() < 0.8:
        return s
    return json.dumps(s, ensure_ascii=False)


def to_yaml(o, R, ind=0):
    sp = "  " * ind
    out = []
    if isinstance(o, dict):
        for k, v in o.items():
            ks = yscalar(k, R)
            if isinstance(v, (dict, list)) and v:
                if isinstance(v, list) and all(not isinstance(x, (dict, list)) for x in v) and R.random() < 0.5:
                    out.append("%s%s: [%s]" % (sp, ks, ", ".join(yscalar(x, R) for x in v)))
                else:
                    out.append("%s%s:" % (sp, ks))
                    out.append(to_yaml(v, R, ind + 1))
            elif isinstance(v, dict):
                out.append("%s%s: {}" % (sp, ks))
            elif isinstance(v, list):
                out.append("%s%s: []" % (sp, ks))
            else:
                out.append("%s%s: %s" % (sp, ks, yscalar(v, R, k)))
    else:
        for v in o:
            if isinstance(v, dict) and v:
                sub = to_yaml(v, R, ind + 1).split("\n")
                first = sub[0][len("  " * (ind + 1)):]
                out.append("%s- %s" % (sp, first))
                out += sub[1:]
            else:
                out.append("%s- %s" % (sp, yscalar(v, R)))
    return "\n".join(out) + ("\n" if ind == 0 else "")


if __name__ == "__main__":
    gen(int(sys.argv[1]), sys.argv[2])
