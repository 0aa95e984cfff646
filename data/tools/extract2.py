import sys, json, glob, unicodedata, collections, os
d = json.load(open('/tmp/pk/faker_names.json'))
first = collections.defaultdict(collections.Counter)
for k,v in d['first'].items():
    first[k].update(v)
last = set(d['last'])
src = collections.defaultdict(set)
def latin(s):
    for ch in s:
        if ch.isalpha():
            if 'LATIN' not in unicodedata.name(ch, ''): return False
    return True
RU = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", ["a","b","v","g","d","e","e","zh","z","i","y","k","l","m","n","o","p","r","s","t","u","f","kh","ts","ch","sh","shch","","y","","e","yu","ya"]))
UK = dict(RU); UK.update({"г":"h","ґ":"g","е":"e","є":"ie","и":"y","і":"i","ї":"i","й":"i","х":"kh","щ":"shch","ю":"iu","я":"ia","ь":"","'":""})
UKINIT = {"є":"ye","ї":"yi","й":"y","ю":"yu","я":"ya"}
BG = dict(RU); BG.update({"щ":"sht","ъ":"a","ю":"yu","я":"ya","х":"h"})
EL = {"α":"a","ά":"a","β":"v","γ":"g","δ":"d","ε":"e","έ":"e","ζ":"z","η":"i","ή":"i","θ":"th","ι":"i","ί":"i","ϊ":"i","ΐ":"i","κ":"k","λ":"l","μ":"m","ν":"n","ξ":"x","ο":"o","ό":"o","π":"p","ρ":"r","σ":"s","ς":"s","τ":"t","υ":"y","ύ":"y","ϋ":"y","φ":"f","χ":"ch","ψ":"ps","ω":"o","ώ":"o"}
def translit(name, table, init=None):
    out=[]
    low = name.lower()
    for i,ch in enumerate(low):
        if init and (i==0) and ch in init:
            out.append(init[ch]); continue
        if ch in table: out.append(table[ch])
        elif ch.isalpha(): return None
        else: out.append(ch)
    s=''.join(out)
    # greek digraphs
    s = s.replace('ou','ou')
    return s[:1].upper()+s[1:] if s else None
def greek(name):
    low=name.lower()
    low=low.replace('ου','ου')
    s=translit(low.replace('ου','\0'), EL)
    if s is None: return None
    return s.replace('\0','ou').capitalize()
def add_first(n, g, how):
    n=n.strip()
    if not n or not n[:1].isupper(): return
    first[n][g]+=1
script = {'ru':RU,'uk':UK,'bg':BG,'kk':RU}
import importlib, pkgutil
sys.path.insert(0,'/tmp/pk/faker')
import faker.providers.person as pp
def conv(n, loc):
    if latin(n): return n
    lang = loc[:2]
    if lang in ('ru','kk'): return translit(n, RU)
    if lang=='uk': return translit(n, UK, UKINIT)
    if lang=='bg': return translit(n, BG)
    if lang=='el': return greek(n)
    return None
for m in pkgutil.iter_modules(pp.__path__):
    if m.name[:2] not in ('ru','uk','bg','el'): continue
    P = importlib.import_module('faker.providers.person.'+m.name).Provider
    for attr,g in [('first_names_male','M'),('first_names_female','F'),('first_names','?')]:
        v=getattr(P,attr,None)
        if not v or isinstance(v,property): continue
        for n in (v.keys() if isinstance(v,dict) else v):
            c=conv(n,m.name)
            if c: add_first(c,g,'faker-'+m.name)
    for attr in ['last_names','last_names_male','last_names_female']:
        v=getattr(P,attr,None)
        if not v or isinstance(v,property): continue
        for n in (v.keys() if isinstance(v,dict) else v):
            c=conv(n,m.name)
            if c: last.add(c)
for f in glob.glob('/tmp/pk/mimesis/mimesis/datasets/*/person.json'):
    loc=f.split('/')[-2]
    dd=json.load(open(f))
    for g,key in (('M','male'),('F','female')):
        for n in dd.get('names',{}).get(key,[]):
            c=conv(n,loc)
            if c: add_first(c,g,'mimesis')
    for n in dd.get('surnames',[]) if isinstance(dd.get('surnames'),list) else [x for v in dd.get('surnames',{}).values() for x in v]:
        c=conv(n,loc)
        if c: last.add(c)
print(len(first), len(last))
for n in ['Volodymyr','Mykhailo','Nikos','Kyriakos','Yuri','Vladimir','Dmitry','Sergey','Oleksandr']: print(n, dict(first.get(n,{})))
json.dump({'first':{k:dict(v) for k,v in first.items()},'last':sorted(last)}, open('/tmp/pk/all_names.json','w'), ensure_ascii=False)
