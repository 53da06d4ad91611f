"""mk.py DIR : build a hand case from DIR/case.py (defines FILES dict name->bytes|str, RULES dict, ARGS list) and compare"""
import sys, os, json
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run
d = sys.argv[1]
ns = {}
exec(open(os.path.join(d, "case.py")).read(), ns)
for n, b in ns["FILES"].items():
    with open(os.path.join(d, n), "wb") as f:
        f.write(b if isinstance(b, bytes) else b.encode("utf-8"))
json.dump(ns["RULES"], open(os.path.join(d, "child.json"), "w"))
json.dump(ns["ARGS"], open(os.path.join(d, "args.json"), "w"))
for k in run.compare_dir(d):
    print(k)
print("done")
