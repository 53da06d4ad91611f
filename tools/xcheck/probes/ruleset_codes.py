R4 = json.loads(json.dumps(BASE_RULES))
R4["region"]["las"]["Kent"] = "Kent"
R4["region"]["las"]["Surrey CC"] = "Surrey"
del R4["region"]["las"]["E10000016"]
R4["rules"][0]["caps"][0]["rates"]["social_worker"] = 30
R4["exemptions"] = [{"id": "EX1", "rules": ["PAY"], "las": ["Kent", "936"], "from": "2025-01-01", "to": "2025-12-01", "approved_by": ["x"], "blanket": True}]
case("ruleset_names_as_codes", {"a.csv": H + "Kent,A1,SW1,SW,2025-02-01,99,\nE10000016,A2,SW1,SW,2025-02-01,99,\nSurrey,A3,SW1,SW,2025-02-01,99,\n936,A4,SW1,SW,2025-02-01,99,\nkent,A5,SW1,SW,2025-02-01,99,\n"}, R4)
R5 = json.loads(json.dumps(BASE_RULES))
R5["region"]["las"] = {"E10000016": "Surrey", "E10000030": "Kent"}
R5["rules"][0]["caps"][0]["rates"]["social_worker"] = 30
case("region_names_swap", {"a.csv": H + "Kent,A1,SW1,SW,2025-02-01,99,\nSurrey County Council,A2,SW1,SW,2025-02-01,99,\nBristol,A3,SW1,SW,2025-02-01,99,\n"}, R5)
