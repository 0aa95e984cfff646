#!/usr/bin/env python3
"""Rebuild data/names/first.tsv and data/names/last.txt.

Sources (all openly licensed, see data/README.md):
  * Moby Project first names (CC0 / PDDL)             -> ../shared/gazetteers/moby/{male,female}.txt
  * US Census 1990 name files (public domain)          -> ../shared/gazetteers/us-census-1990/
  * Faker (PyPI `faker`, MIT) person providers, all locales; Latin-script names kept,
    Cyrillic (ru/uk/bg/kk) and Greek names transliterated
  * Mimesis (PyPI `mimesis`, MIT) datasets/*/person.json, same treatment
The 'a' flag (ambiguous: also an ordinary English word) uses the lowercase entries of
Debian's `wamerican` word list (/usr/share/dict/words) at build time only; that list is not shipped.

Usage: pip download --no-deps faker mimesis; unzip both wheels under /tmp/pk/{faker,mimesis};
       python3 extract.py; python3 extract2.py (in /tmp/pk, see git history) then run this script.
"""
import json, re, sys, unicodedata, collections
G = '/work/shared/gazetteers'
first = collections.defaultdict(collections.Counter)
d = json.load(open('/tmp/pk/all_names.json'))
for k, v in d['first'].items():
    first[k].update(v)
for g, f in (('M', 'male.txt'), ('F', 'female.txt')):
    for line in open(f'{G}/moby/{f}'):
        n = line.strip()
        if n:
            first[n][g] += 1
for g, f in (('M', 'dist.male.first'), ('F', 'dist.female.first')):
    for line in open(f'{G}/us-census-1990/{f}'):
        n = line.split()[0].capitalize()
        first[n][g] += 2
ok = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))+$")
lower_words = set()
for w in open('/usr/share/dict/words', encoding='utf-8', errors='ignore'):
    w = w.strip()
    if w and w[0].islower() and "'" not in w:
        lower_words.add(w)
out = []
for n, c in first.items():
    n = unicodedata.normalize('NFC', n.strip())
    if not ok.match(n) or not n[0].isupper() or len(n) < 2:
        continue
    if n.isupper() and len(n) > 1:
        continue
    m, f = c.get('M', 0), c.get('F', 0)
    g = 'm' if m > 2 * f else 'f' if f > 2 * m else 'u'
    amb = 'a' if n.lower() in lower_words and sum(c.values()) < 22 else ''
    out.append(f'{n}\t{g}{amb}')
out = sorted(set(out))
open('/work/wt-people/data/names/first.tsv', 'w').write('\n'.join(out) + '\n')
last = set()
for n in d['last']:
    n = unicodedata.normalize('NFC', n.strip())
    if ok.match(n) and n[0].isupper():
        last.add(n)
for line in open(f'{G}/us-census-1990/dist.all.last'):
    n = line.split()[0]
    if n.isalpha():
        last.add(n.capitalize())
last = sorted(last)
open('/work/wt-people/data/names/last.txt', 'w').write('\n'.join(last) + '\n')
print(len(out), len(last), file=sys.stderr)
