import json,subprocess,sys,collections,os
C=collections.Counter()
for s in range(int(sys.argv[1]),int(sys.argv[2])):
    d='/tmp/xcheck/%d'%s
    a=json.load(open(d+'/args.json'))
    r=json.loads(subprocess.run([sys.executable,'/work/xcheck/ref.py']+a,cwd=d,capture_output=True,text=True).stdout)
    for f in r['findings']:
        C['finding '+f['status']]+=1
        for x in f['nap']: C['nap '+x['reason']]+=1
    for i in r['data_issues']: C['issue '+i['code']+'/'+i['severity']]+=1
    for e in r['exemptions']:
        C['ex status '+e['status']]+=1
        if e['applied']: C['ex applied>0']+=1
        if e['cited_not_covering']: C['ex cnc>0']+=1
    C['exit %d'%r['exit']]+=1
for k,v in sorted(C.items()): print(v,k)
