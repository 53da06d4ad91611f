"""probe.py probes/FILE.py : hand-written edge cases (case(name, files, rules, args)) run side by side"""
import sys, os, json, shutil
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run
BASE_RULES = {"format": "moc-rules/v1", "id": "p", "name": "P", "version": "1",
  "region": {"las": {"E10000016": "Kent", "845": "East Sussex", "E06000043": "Brighton & Hove"}},
  "roles": {"social_worker": {"label": "Social Worker", "aliases": ["SW"], "grade": 1},
            "team_manager": {"label": "Team Manager", "aliases": ["TM"], "grade": 3}},
  "rules": [{"id": "PAY", "kind": "pay_cap", "basis": "hourly_pay_rate",
             "caps": [{"from": "2025-01-01", "rates": {"social_worker": {"paye": 30, "umbrella": 35}, "team_manager": {}}}]},
            {"id": "CO", "kind": "cooling_off", "months": 6, "scope": "region"}],
  "exemptions": []}
H = "la_code,assignment_id,swe_number,role,start_date,hourly_pay_rate,engagement_type\n"
def case(name, files, rules=None, args=None):
    d = "/tmp/xcheck-probe/" + name
    shutil.rmtree(d, ignore_errors=True); os.makedirs(d)
    for n, b in files.items():
        open(os.path.join(d, n), "wb").write(b if isinstance(b, bytes) else b.encode())
    json.dump(rules or BASE_RULES, open(os.path.join(d, "child.json"), "w"))
    a = ["--rules", "child.json", "--as-of", "2025-06-01"] + (args or [n for n in files if n.startswith("a")])
    json.dump(a, open(os.path.join(d, "args.json"), "w"))
    r = run.compare_dir(d)
    print(name, "OK" if not r else r)
exec(open(sys.argv[1]).read())
