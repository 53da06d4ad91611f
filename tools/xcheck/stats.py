"""stats.py A B : coverage counters of the reference over generated cases /tmp/xcheck/A..B-1"""
import json, subprocess, sys, collections, os
HERE = os.path.dirname(os.path.abspath(__file__))
C = collections.Counter()
for s in range(int(sys.argv[1]), int(sys.argv[2])):
    d = '/tmp/xcheck/%d' % s
    if not os.path.exists(d + '/args.json'):
        continue
    a = json.load(open(d + '/args.json'))
    if "--period" in a:
        C['period'] += 1
    r = json.loads(subprocess.run([sys.executable, os.path.join(HERE, 'ref.py')] + a, cwd=d,
                                  capture_output=True, text=True).stdout)
    for f in r['findings']:
        C['finding ' + f['status']] += 1
        for x in f['nap']:
            C['nap ' + x['reason']] += 1
    for i in r['data_issues']:
        C['issue ' + i['code'] + '/' + i['severity']] += 1
    for e in r['exemptions']:
        C['ex status ' + e['status']] += 1
        if e['applied']:
            C['ex applied>0'] += 1
        if e['cited_not_covering']:
            C['ex cnc>0'] += 1
    for x in r['inputs']:
        C['input %s' % x['kind']] += 1
        if x['skipped_above_header']:
            C['input skipped>0'] += 1
        if x.get('sheet'):
            C['input sheet'] += 1
        if x.get('out_of_period'):
            C['input out_of_period>0'] += 1
    C['exit %d' % r['exit']] += 1
for k, v in sorted(C.items()):
    print(v, k)
