HT = "la_code,assignment_id,swe_number,role,start_date,hourly_pay_rate,team\n"
tricky = ['"abc"def', '"a""b"x', '"abc" "def"', '"abc"de"f', 'a"b', '"x"""', '""', '""""', '"a\nb"c', '"a\rb"', '"a\r\nb"  ', ' "lead"', '"abc"\t', '"Kent"x']
body = "".join("Kent,A%d,SW1,SW,2025-02-01,99,%s\n" % (i, t) for i, t in enumerate(tricky))
body += '"Kent" ,B1,SW1,SW,2025-02-01,99,x\n"Kent"x,B2,SW1,SW,2025-02-01,99,x\n"Kent\r\nCouncil",B3,SW1,SW,2025-02-01,99,x\nKent,B4,SW1,SW,"2025-02-01"x,99,x\n'
case("csv_quotes", {"a.csv": HT + body})
case("csv_quotes_cr", {"a.csv": (HT + body).replace("\n", "\r")})
case("csv_quotes_crlf", {"a.csv": (HT + body).replace("\n", "\r\n")})
case("csv_unclosed_mid", {"a.csv": HT + "Kent,A1,SW1,SW,2025-02-01,99,x\n" + 'Kent,A2,"SW1,SW,2025-02-01,99,x\nKent,A3,SW1,SW,2025-02-01,99,x\n'})
case("csv_unclosed_after_text", {"a.csv": HT + "Kent,A1,SW1,SW,2025-02-01,99,x\n" + 'Kent,A2,"SW1"x"y,SW,2025-02-01,99,x\nKent,A3,SW1,SW,2025-02-01,99,"x\n'})
