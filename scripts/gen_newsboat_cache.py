#!/usr/bin/env python3
# A newsboat cache of 500 feeds x 200 items (100,000 articles) for the import benchmark, in
# the schema of the cache newsboat 2.21 made for tests/fixtures/newsboat, with HTML bodies of
# a few hundred words, a third of the items read and 1 % flagged; and its urls file. Written
# to the current folder: cache.db (about 355 MB) and urls.
import sqlite3, random, os
random.seed(20)
here = os.path.dirname(os.path.abspath(__file__))
src = sqlite3.connect(os.path.join(here, '..', 'tests', 'fixtures', 'newsboat', 'cache.db'))
schema = [r[0] for r in src.execute("select sql from sqlite_master where sql is not null and name not like 'sqlite_%'")]
if os.path.exists('cache.db'): os.remove('cache.db')
db = sqlite3.connect('cache.db')
for s in schema: db.execute(s)
# 40,000 made-up words, the same on every machine.
words = [''.join(random.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(random.randint(3, 10))) for _ in range(40000)]
def text(n): return ' '.join(random.choice(words) for _ in range(n))
feeds = 500; per = 200
urls = open('urls','w')
t0 = 1790000000
for f in range(feeds):
    url = f'http://127.0.0.1:9/feeds/{f}.xml'
    urls.write(f'{url} tag{f%7}\n')
    db.execute("insert into rss_feed (rssurl,url,title,lastmodified,etag) values (?,?,?,?,?)", (url, f'https://site{f}.example/', f'Feed {f}', t0, f'"e{f}"'))
    rows = []
    for i in range(per):
        body = '<p>' + '</p><p>'.join(text(random.randint(40,120)) for _ in range(random.randint(2,6))) + '</p>'
        rows.append((f'guid-{f}-{i}', text(random.randint(4,10)), 'Author', f'https://site{f}.example/{i}', url, t0 - i*3600 - f, body, 0 if random.random()<0.33 else 1, None, None, 's' if random.random()<0.01 else '', 0))
    db.executemany("insert into rss_item (guid,title,author,url,feedurl,pubDate,content,unread,enclosure_url,enclosure_type,flags,deleted) values (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
db.commit()
print(os.path.getsize('cache.db')/1e6, 'MB')
