import zipfile, io
def wb(sheet_rows_xml, sheets=None, date1904=False, sst=(), styles_xf='<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="46"/><xf numFmtId="165"/><xf numFmtId="166"/>', chart=False):
    sheets = sheets or [("Data", None)]
    b = io.BytesIO()
    z = zipfile.ZipFile(b, "w")
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' + "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i+1) for i in range(len(sheets))) + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' + ('<workbookPr date1904="1"/>' if date1904 else '') + '<sheets>' + "".join('<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>' % (n, i+1, ' state="%s"' % st if st else '', i+1) for i, (n, st) in enumerate(sheets)) + '</sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i+1, i+1) for i in range(len(sheets))) + '<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
    z.writestr("xl/styles.xml", '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="3"><numFmt numFmtId="164" formatCode="DD/MM/YYYY"/><numFmt numFmtId="165" formatCode="[h]:mm"/><numFmt numFmtId="166" formatCode="&quot;d&quot;0.00"/></numFmts><cellXfs>' + styles_xf + '</cellXfs></styleSheet>')
    z.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + "".join(sst) + '</sst>')
    for i in range(len(sheets)):
        z.writestr("xl/worksheets/sheet%d.xml" % (i+1), '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + (sheet_rows_xml if i == len(sheets) - 1 else '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>') + '</sheetData></worksheet>')
    z.close()
    return b.getvalue()
def s(ref, t): return '<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, t)
def n(ref, v, st=0): return '<c r="%s" s="%d"><v>%s</v></c>' % (ref, st, v)
HDR = '<row r="%d">' + s("A%d","la_code")+s("B%d","assignment_id")+s("C%d","swe_number")+s("D%d","role")+s("E%d","start_date")+s("F%d","hourly_pay_rate")+s("G%d","engagement_type") + '</row>'
def hdr(r): return HDR.replace("%d", str(r))
def row(r, la, aid, sd, rate, extra=""):
    return '<row r="%d">%s%s%s%s%s%s%s</row>' % (r, la, s("B%d" % r, aid), s("C%d" % r, "SW1"), s("D%d" % r, "SW"), sd, rate, extra)
rows = hdr(3) + row(4, n("A4", 886), "A1", n("E4", 45700, 1), n("F4", 99)) \
  + row(5, s("A5", "Kent"), "A2", n("E5", 45700.25, 1), n("F5", 99.5)) \
  + row(6, s("A6", "Kent"), "A3", n("E6", 45700.0000001, 2), n("F6", "3.0E1")) \
  + row(7, s("A7", "Kent"), "A4", n("E7", 45700, 3), n("F7", 99)) \
  + row(8, s("A8", "Kent"), "A5", n("E8", 45700, 4), n("F8", 99, 5)) \
  + row(9, s("A9", "Kent"), "A6", '<c r="E9" t="d"><v>2025-02-01T00:00:00</v></c>', '<c r="F9" t="e"><v>#N/A</v></c>') \
  + row(10, s("A10", "Kent"), "A7", '<c r="E10"><f>TODAY()</f></c>', '<c r="F10" t="b"><v>1</v></c>') \
  + row(12, s("A12", "Kent"), "A8", n("E12", 45700, 1), n("F12", 99), '<c r="H12" s="1"/>') \
  + row(13, s("A13", "Kent"), "A9", n("E13", 45700, 1), n("F13", 99), '<c r="J13" t="inlineStr"><is><t></t></is></c>') \
  + row(14, s("A14", "Kent"), "A10", n("E14", 45700, 1), n("F14", 99), '<c r="J14" t="inlineStr"><is><t>x</t></is></c>') \
  + row(15, '<c r="A15" t="s"><v>0</v></c>', "A11", n("E15", 45700, 1), '<c r="F15" t="s"><v>1</v></c>') \
  + row(16, s("A16", "Kent"), "A12", n("E16", 45700, 1), n("F16", "0.1")) \
  + '<row r="17"><c r="A17" t="s"><v>2</v></c></row>'
sst = ['<si><r><t>Ke</t></r><r><t>nt</t></r><rPh><t>XX</t></rPh></si>', '<si><t>99</t></si>', '<si><t>Grand Total</t></si>']
title = '<row r="1">' + s("A1", "Report") + '</row>'
case("xlsx_cells", {"a.xlsx": wb(title + rows, sst=sst)})
case("xlsx_1904", {"a.xlsx": wb(rows, date1904=True, sst=sst)})
case("xlsx_hidden", {"a.xlsx": wb(rows, sheets=[("Old", "veryHidden"), ("Older", "hidden"), ("Now", None)], sst=sst)})
case("xlsx_nosheet", {"a.xlsx": wb(rows, sheets=[("Old", "hidden")], sst=sst)})
case("xlsx_garbage", {"a.xlsx": b"PK\x03\x04garbage"})
case("xls_old", {"a.xls": b"\xd0\xcf\x11\xe0" + b"\0" * 100})
