exec(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "probes", "xlsx_cells.py")).read().split("rows = hdr(3)")[0])
vals = ["38.100000000000001", "0.30000000000000004", "1E-3", "4.5E1", "123456789012345678", "1.0E21", "-5", "38.50", " 40 ", "5e-324", "1.7976931348623157E308", "0", "99.99999999999999"]
rows = hdr(1) + "".join(row(i + 2, s("A%d" % (i + 2), "Kent"), "A%d" % i, n("E%d" % (i + 2), 45700, 1), n("F%d" % (i + 2), v)) for i, v in enumerate(vals))
k = len(vals) + 2
dates = ["45700.999999999", "45700.9999999999", "45700.00000578", "45700.0000058", "45701.5", "1.5", "0.5", "59", "61", "45700.000011574"]
rows += "".join(row(k + i, s("A%d" % (k + i), "Kent"), "B%d" % i, n("E%d" % (k + i), v, 1), n("F%d" % (k + i), 99)) for i, v in enumerate(dates))
k += len(dates)
strs = ["Ke_x006E_t", "Kent_x000D_", "_x005F_x0041_", "x_x00zz_"]
rows += "".join(row(k + i, s("A%d" % (k + i), v), "C%d" % i, n("E%d" % (k + i), 45700, 1), n("F%d" % (k + i), 99)) for i, v in enumerate(strs))
case("xlsx_numbers", {"a.xlsx": wb(rows)})
case("xlsx_numbers_1904", {"a.xlsx": wb(rows, date1904=True)})
