R2 = json.loads(json.dumps(BASE_RULES))
R2["rules"].append({"id": "HH", "kind": "head_hunting", "scope": "region"})
R2["rules"].append({"id": "HH2", "kind": "head_hunting", "scope": "any_other_la", "severity": "warning"})
R2["roles"]["senior"] = {"label": "Senior", "aliases": []}
R2["exemptions"] = [{"id": "EX1", "rules": ["HH"], "roles": ["team_manager"], "from": "2025-01-01", "to": "2025-03-01", "approved_by": ["x"]},
                    {"id": "EX2", "rules": ["HH2", "PAY"], "las": ["886"], "from": "2025-01-01", "to": "2025-12-01", "approved_by": ["x"], "blanket": True, "max_rate": 40}]
SH = "la_code,swe_number,start_date,role,previous_la,previous_role,promotion,exemption_ref,hourly_pay_rate\n"
A = H + "Kent,A1,SW1,SW,2025-02-01,31,PAYE\n"
rows = [
 "Kent,SW1,2025-02-01,TM,East Sussex,SW,,",
 "Kent,SW2,2025-02-01,TM,Kent County Council,SW,no,",
 "Kent,SW3,2025-02-01,Bogus,,SW,no,",
 "Kent,SW4,2025-02-01,SW,845,TM,maybe,",
 "Kent,SW5,2025-02-01,TM,Surrey,Bogus,,",
 "Kent,SW6,2025-02-01,Senior,East Sussex,SW,,EX1",
 "Kent,SW7,2025-02-01,TM,East Sussex,Senior,,EX1;ex9",
 "Kent,SW1,01/02/2025,TM,East Sussex,SW,,",
 "886,sw 01,1-Feb-2025,TM,East Sussex,SW,,",
 ",SW8,2025-02-01,TM,East Sussex,SW,no,",
 "Kent,SW0,2025-02-01,TM,East Sussex,SW,no,",
 "Kent,SW0,2025-02-01,TM,East Sussex,SW,no,",
 "Kent,SW9,bad,TM,East Sussex,SW,no,",
 "Kent,SW9,bad,TM,East Sussex,SW,no,",
 "Surrey,SW10,2025-02-01,TM,Brighton and Hove,SW,no,",
 "Kent,SW11,2025-02-01,TM,Surrey,SW,N,EX1",
 "Kent,SW12,2025-02-01,TM,East Sussex,SW,,,1,2",
 ",,,,,,,Total",
 "Kent,SW13,2025-04-01,TM,E06000043,TM,,EX1",
 "Kent,SW14,2024-12-01,TM,E06000043,TM,,EX1",
]
case("starters_basic", {"a.csv": A, "s.csv": SH + "\n".join(rows) + "\n"}, R2, ["--starters", "s.csv", "a.csv"])
case("starters_period", {"a.csv": A, "s.csv": SH + "\n".join(rows) + "\n"}, R2, ["--starters", "s.csv", "--period", "2025-02", "a.csv"])
case("starters_noprev", {"a.csv": A, "s.csv": "la_code,swe_number,start_date,role,promotion\nKent,SW1,2025-02-01,TM,no\n"}, R2, ["--starters", "s.csv", "a.csv"])
case("starters_missing_col", {"a.csv": A, "s.csv": "la_code,swe_number,role,promotion\nKent,SW1,TM,no\n"}, R2, ["--starters", "s.csv", "a.csv"])
R3 = json.loads(json.dumps(R2)); R3["region"] = {"name": "none"}
case("starters_noregion", {"a.csv": A, "s.csv": SH + "\n".join(rows) + "\n"}, R3, ["--starters", "s.csv", "a.csv"])
