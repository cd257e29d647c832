#!/usr/bin/env python3
"""The main-code files a reader may open from some entry files: their imports and same-package
references, followed transitively (tests and target/ left out). Prints the count of files and lines.

  scripts/reading-path.py . cli/pay/PayCommand.java payment/PaymentSagaImpl.java \
      payment/activity/SandboxPaymentActivities.java          # `saga pay` to Redis
  LIST=1 scripts/reading-path.py ...                           # and the files
"""
import os,re,sys
root=sys.argv[1]; entries=sys.argv[2:]
files={}
for d,_,fs in os.walk(root):
    if '/target' in d or '/src/main/java' not in d: continue
    for f in fs:
        if f.endswith('.java'):
            p=os.path.join(d,f); src=open(p).read()
            pkg=re.search(r'^package ([\w.]+);',src,re.M).group(1)
            files[pkg+'.'+f[:-5]]=(p,src,pkg)
bypkg={}
for fq,(p,src,pkg) in files.items(): bypkg.setdefault(pkg,[]).append(fq)
def deps(fq):
    p,src,pkg=files[fq]
    out=set()
    body=re.sub(r'//.*|/\*.*?\*/','',src,flags=re.S)
    for m in re.finditer(r'^import (static )?([\w.]+)(\.\*)?;',src,re.M):
        name=m.group(2)
        while name and name not in files and '.' in name: name=name.rsplit('.',1)[0]
        if name in files: out.add(name)
    for other in bypkg[pkg]:
        if other!=fq and re.search(r'\b'+other.rsplit('.',1)[1]+r'\b',body): out.add(other)
    return out
todo=[fq for fq in files if any(files[fq][0].endswith(e) for e in entries)]
seen=set(todo)
while todo:
    x=todo.pop()
    for y in deps(x):
        if y not in seen: seen.add(y); todo.append(y)
lines=sum(len(files[f][1].splitlines()) for f in seen)
print(len(seen),'files',lines,'lines')
if os.environ.get('LIST'):
    for f in sorted(seen): print(' ',files[f][0].replace(root+'/',''))
