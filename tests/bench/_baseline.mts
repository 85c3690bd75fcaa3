import { openDatabase } from '../../src/server/db/open';
import { seedDatabase } from '../../src/server/services/seed';
import { generateDemoData } from '../../src/server/demo/generate';
import { loadDistrictOutlines } from '../../src/server/demo/districts';
import { buildApp } from '../../src/server/app';
const n = Number(process.argv[2] ?? 20000);
const database = await openDatabase({});
let t = performance.now();
await seedDatabase(database.db, generateDemoData({ seed: 'onevisit-demo', enterpriseCount: n }, loadDistrictOutlines()));
console.log('seed', ((performance.now() - t) / 1000).toFixed(1), 's');
const app = await buildApp({ database });
for (const username of ['supervisor01', 'inspector01']) {
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'demo1234', deviceId: 'b' } });
  const token = login.json().token;
  let cursor = '';
  let records = 0;
  let pages = 0;
  let bytes = 0;
  t = performance.now();
  for (;;) {
    const r = await app.inject({
      method: 'GET',
      url: `/api/v1/sync/pull?cursor=${cursor}&limit=1000`,
      headers: { authorization: `Bearer ${token}` },
    });
    const body = r.json();
    bytes += r.rawPayload.length;
    records += body.changes.length;
    pages++;
    cursor = body.cursor;
    if (!body.hasMore) break;
  }
  const s = (performance.now() - t) / 1000;
  console.log(
    username,
    records,
    'records',
    pages,
    'pages',
    s.toFixed(2),
    's',
    ((s * 1000) / pages).toFixed(0),
    'ms/page',
    (bytes / 1e6).toFixed(1),
    'MB',
  );
}
await app.close();
await database.close();
