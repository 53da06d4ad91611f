"""Minimal .xlsx for the differential test, stdlib only (zipfile, xml.etree).

read_workbook(bytes) is the reference's reader (engagements.md section 4, readings 24-27):
records as a person sees the cells. write_workbook(path, sheets, R, ...) is the generator's
writer: a small valid workbook (shared or inline strings, numbers, dates by style, booleans,
formulas with cached values, error values, hidden sheets, the 1904 date system)."""
import io, re, zipfile, datetime
import xml.etree.ElementTree as ET
from decimal import Decimal
from xml.sax.saxutils import escape

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RNS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PNS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DATE_BUILTIN = set(range(14, 23)) | {45, 46, 47}


# ---------------------------------------------------------------- reading
def _col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _is_date_format(code):
    # readings 26: a duration format ([h]:mm, [mm]:ss) gives the number behind it
    if re.search(r"\[(h+|m+|s+)\]", code, re.I):
        return False
    t = re.sub(r'"[^"]*"', "", code)
    t = re.sub(r"\[[^\]]*\]", "", t)
    t = re.sub(r"\\.", "", t)
    return re.search(r"[dmyhsDMYHS]", t) is not None


def _number_text(v):
    f = float(v)
    if f == int(f) and abs(f) < 1e21:
        return str(int(f))
    d = Decimal(repr(f))
    return format(d, "f")


def _date_text(serial, date1904):
    days = int(serial // 1)
    frac = serial - days
    ms = round(frac * 86400000)
    if ms >= 86400000:
        days += 1; ms = 0
    if date1904:
        base = datetime.date(1904, 1, 1)
    else:
        base = datetime.date(1899, 12, 30)
        if days < 60:
            days += 1
    d = base + datetime.timedelta(days=days)
    secs = ms // 1000
    if serial < 1 and not date1904:
        d = datetime.date(1899, 12, 30)
    s = d.isoformat()
    if secs:
        s += " %02d:%02d:%02d" % (secs // 3600, secs // 60 % 60, secs % 60)
    return s


def _unescape(t):
    # OOXML writes characters XML cannot hold as _xHHHH_ (_x005F_ is the underscore itself):
    # shown as the character they stand for (decisions 30), in one pass
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), t)


def _text_of(el):
    """rich text joined, phonetic runs left out"""
    return _unescape(_text_parts(el))


def _text_parts(el):
    out = []
    for child in el:
        if child.tag == NS + "t":
            out.append(child.text or "")
        elif child.tag == NS + "r":
            for t in child.iter(NS + "t"):
                out.append(t.text or "")
    return "".join(out)


def read_workbook(b):
    """returns (records [(row number, cells)], sheet name) or None (unreadable)"""
    try:
        z = zipfile.ZipFile(io.BytesIO(b))
        names = set(z.namelist())
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {}
        for r in rels:
            tgt = r.get("Target")
            tgt = tgt[1:] if tgt.startswith("/") else "xl/" + tgt
            targets[r.get("Id")] = (tgt, r.get("Type", ""))
        pr = wb.find(NS + "workbookPr")
        date1904 = pr is not None and pr.get("date1904") in ("1", "true")
        shared = []
        if "xl/sharedStrings.xml" in names:
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")):
                shared.append(_text_of(si))
        xf_date = []
        if "xl/styles.xml" in names:
            st = ET.fromstring(z.read("xl/styles.xml"))
            custom = {}
            nf = st.find(NS + "numFmts")
            if nf is not None:
                for x in nf:
                    custom[int(x.get("numFmtId"))] = x.get("formatCode", "")
            cx = st.find(NS + "cellXfs")
            if cx is not None:
                for xf in cx:
                    fid = int(xf.get("numFmtId", "0"))
                    xf_date.append(fid in DATE_BUILTIN or (fid in custom and _is_date_format(custom[fid])))
        chosen = None
        for sh in wb.find(NS + "sheets"):
            if sh.get("state") in ("hidden", "veryHidden"):
                continue
            tgt, typ = targets[sh.get(RNS + "id")]
            if not typ.endswith("/worksheet"):
                continue
            chosen = (sh.get("name"), tgt)
            break
        if chosen is None:
            return None
        ws = ET.fromstring(z.read(chosen[1]))
        recs = []
        rn = 0
        for row in ws.find(NS + "sheetData"):
            # a writer may leave out r: the next row, the next column
            rn = int(row.get("r")) if row.get("r") else rn + 1
            cells = {}
            ci = -1
            for c in row:
                ci = _col_index(c.get("r")) if c.get("r") else ci + 1
                t = c.get("t", "n")
                v = c.find(NS + "v")
                txt = ""
                if t == "s":
                    txt = shared[int(v.text)] if v is not None else ""
                elif t == "inlineStr":
                    isel = c.find(NS + "is")
                    txt = _text_of(isel) if isel is not None else ""
                elif t == "str":
                    txt = _unescape(v.text or "") if v is not None else ""
                elif t == "b":
                    txt = ("true" if v.text.strip() in ("1", "true") else "false") if v is not None else ""
                elif t == "e":
                    txt = v.text or "" if v is not None else ""
                elif t == "d":
                    if v is not None and v.text:
                        dt = datetime.datetime.fromisoformat(v.text.strip().rstrip("Z"))
                        txt = dt.date().isoformat()
                        if dt.time() != datetime.time(0):
                            txt += " %02d:%02d:%02d" % (dt.hour, dt.minute, dt.second)
                else:
                    if v is not None and v.text is not None and v.text.strip() != "":
                        s = int(c.get("s", "0"))
                        num = float(v.text)
                        if s < len(xf_date) and xf_date[s]:
                            txt = _date_text(num, date1904)
                        else:
                            txt = _number_text(v.text)
                if txt != "":
                    cells[ci] = txt
            if cells:
                width = max(cells) + 1
                recs.append((rn, [cells.get(i, "") for i in range(width)]))
        return recs, chosen[0]
    except Exception:
        return None


# ---------------------------------------------------------------- writing
def _col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$|^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _serial(d, date1904):
    base = datetime.date(1904, 1, 1) if date1904 else datetime.date(1899, 12, 30)
    return (d - base).days


def write_workbook(path, records, R, sheet_name="Sheet1"):
    """records: list of lists of text cells (as the CSV would hold them). Cells are turned
    into typed cells at random where the text a person sees stays the same value."""
    date1904 = R.random() < 0.1
    shared = []
    sidx = {}

    def ss(t):
        if t not in sidx:
            sidx[t] = len(shared); shared.append(t)
        return sidx[t]

    rows_xml = []
    rn = 0
    no_refs = R.random() < 0.1
    for rec in records:
        rn += 1
        if R.random() < 0.05:
            rn += 1                      # a row missing from the XML: a blank record
        cx = []
        for ci, text in enumerate(rec):
            ref = "%s%d" % (_col_name(ci), rn)
            if text == "":
                if no_refs:
                    cx.append('<c r="%s"/>' % ref)                # holds the place, no value
                elif R.random() < 0.03:
                    cx.append('<c r="%s" s="4"/>' % ref)   # styled, no value
                elif R.random() < 0.02:
                    cx.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, ss("")))
                continue
            stripped = text.strip()
            m = DATE_RE.match(stripped)
            v = R.random()
            if m and v < 0.6:
                if m.group(1):
                    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
                else:
                    d, mo, y = int(m.group(4)), int(m.group(5)), int(m.group(6))
                try:
                    dd = datetime.date(y, mo, d)
                except ValueError:
                    dd = None
                if dd is not None:
                    serial = _serial(dd, date1904)
                    frac = R.choice(["", "", "", ".5", ".25", ".0000001"])
                    st = R.choice([1, 2, 3, 5, 1, 2, 3, 5, 7])   # 7: a duration format, read as the number
                    if R.random() < 0.1:
                        cx.append('<c r="%s" t="d"><v>%sT%s</v></c>' % (ref, dd.isoformat(), R.choice(["00:00:00", "00:00:00", "10:30:00"])))
                    else:
                        cx.append('<c r="%s" s="%d"><v>%d%s</v></c>' % (ref, st, serial, frac))
                    continue
            if re.fullmatch(r"[0-9]+(\.[0-9]+)?", stripped) and v < 0.6:
                if R.random() < 0.1:
                    cx.append('<c r="%s" s="6"><f>F%d*1</f><v>%s</v></c>' % (ref, rn, stripped))
                else:
                    cx.append('<c r="%s"%s><v>%s</v></c>' % (ref, R.choice(["", ' t="n"', ' s="6"']), stripped))
                continue
            if stripped.lower() in ("true", "false") and v < 0.5:
                cx.append('<c r="%s" t="b"><v>%d</v></c>' % (ref, 1 if stripped.lower() == "true" else 0))
                continue
            if stripped.startswith("=SUM"):
                if v < 0.5:
                    cx.append('<c r="%s"><f>%s</f><v>1234.5</v></c>' % (ref, escape(stripped[1:])))
                else:
                    cx.append('<c r="%s"><f>%s</f></c>' % (ref, escape(stripped[1:])))
                continue
            if v < 0.1:
                cx.append('<c r="%s" t="str"><f>"%s"</f><v>%s</v></c>' % (ref, "x", escape(text)))
            elif v < 0.3:
                if len(text) > 2 and R.random() < 0.5:
                    k = R.randrange(1, len(text))
                    cx.append('<c r="%s" t="inlineStr"><is><r><t xml:space="preserve">%s</t></r><r><rPr><b/></rPr><t xml:space="preserve">%s</t></r></is></c>'
                              % (ref, escape(text[:k]), escape(text[k:])))
                else:
                    cx.append('<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, escape(text)))
            else:
                cx.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, ss(text)))
        row = '<row r="%d">%s</row>' % (rn, "".join(x for x in cx if x))
        if no_refs:
            row = re.sub(r' r="[A-Z]*[0-9]+"', "", row)
        rows_xml.append(row)
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData>%s</sheetData></worksheet>' % "".join(rows_xml))
    hidden = []
    if R.random() < 0.25:
        hidden.append(("Old", R.choice(["hidden", "veryHidden"])))
    sheets = hidden + [(sheet_name, None)]
    wb = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
          + ('<workbookPr date1904="1"/>' if date1904 else '<workbookPr/>')
          + "<sheets>" + "".join('<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>'
                                 % (escape(n), i + 1, (' state="%s"' % st) if st else "", i + 1)
                                 for i, (n, st) in enumerate(sheets))
          + "</sheets></workbook>")
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>'
                      % (i + 1, i + 1) for i in range(len(sheets)))
            + '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '</Relationships>')
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<numFmts count="4"><numFmt numFmtId="167" formatCode="[h]:mm"/><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
              '<numFmt numFmtId="165" formatCode="&quot;£&quot;#,##0.00"/>'
              '<numFmt numFmtId="166" formatCode="[$-809]d mmm yyyy"/></numFmts>'
              '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
              '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
              '<cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="22"/>'
              '<xf numFmtId="0" fillId="0"/><xf numFmtId="166"/><xf numFmtId="165"/><xf numFmtId="167"/></cellXfs></styleSheet>')
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
           % (len(shared), len(shared), "".join('<si><t xml:space="preserve">%s</t></si>' % escape(t) for t in shared)))
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          + "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1)
                    for i in range(len(sheets)))
          + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
          '</Types>')
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                 '</Relationships>')
    empty_sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                   '<row r="1"><c r="A1" t="inlineStr"><is><t>la_code</t></is></c><c r="B1" t="inlineStr"><is><t>assignment_id</t></is></c></row>'
                   '</sheetData></worksheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", root_rels)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/sharedStrings.xml", sst)
        for i, (n, st) in enumerate(sheets):
            z.writestr("xl/worksheets/sheet%d.xml" % (i + 1), sheet if st is None else empty_sheet)
