import sys, importlib, pkgutil, json, unicodedata, re, collections
sys.path.insert(0, '/tmp/pk/faker')
import faker.providers.person as pp
first = collections.defaultdict(lambda: collections.Counter())  # name -> gender counts
last = set()
locs=[]
def latin(s):
    for ch in s:
        if ch.isalpha():
            try:
                n = unicodedata.name(ch)
            except ValueError:
                return False
            if 'LATIN' not in n: return False
    return True
for m in pkgutil.iter_modules(pp.__path__):
    try:
        mod = importlib.import_module('faker.providers.person.'+m.name)
    except Exception as e:
        print('skip', m.name, e, file=sys.stderr); continue
    P = mod.Provider
    locs.append(m.name)
    for attr, g in [('first_names_male','M'),('first_names_female','F'),('first_names','?'),('first_romanized_names','?'),('first_romanized_names_male','M'),('first_romanized_names_female','F'),('first_names_nonbinary','?')]:
        v = getattr(P, attr, None)
        if not v or isinstance(v, property): continue
        for n in (v.keys() if isinstance(v, dict) else v):
            if not isinstance(n,str): continue
            n=n.strip()
            if latin(n) and n[:1].isupper():
                for part in [n]:
                    first[part][g]+=1
    for attr in ['last_names','last_romanized_names','last_names_male','last_names_female']:
        v = getattr(P, attr, None)
        if not v or isinstance(v, property): continue
        for n in (v.keys() if isinstance(v, dict) else v):
            if isinstance(n,str) and latin(n) and n[:1].isupper(): last.add(n.strip())
print(len(locs), len(first), len(last), file=sys.stderr)
json.dump({'first': {k: dict(v) for k,v in first.items()}, 'last': sorted(last)}, open('/tmp/pk/faker_names.json','w'), ensure_ascii=False)
