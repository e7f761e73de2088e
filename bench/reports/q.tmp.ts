import { readFileSync } from 'node:fs';
import { openPglite } from '@/server/db/pglite-driver.ts';
const db = await openPglite(process.argv[2]);
const sql = readFileSync(process.argv[3], 'utf8');
for (const stmt of sql.split(';;')) {
  if (!stmt.trim()) continue;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const rows = await db.query<Record<string, string>>(stmt);
    const ms = performance.now() - t;
    if (i === 2) console.log(stmt.trim().startsWith('explain') ? rows.map((r) => Object.values(r)[0]).join('\n') : `rows ${rows.length}`);
    console.log(`${ms.toFixed(0)} ms`);
  }
}
await db.close();
