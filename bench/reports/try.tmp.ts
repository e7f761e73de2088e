import { createApp } from '@/server/app.ts';
import { openDatabase } from '@/server/db/open-database.ts';
import { loadSeeds } from '@/server/seed/load-seeds.ts';
import { generateCity } from './city.ts';
const n = Number(process.argv[2]);
const db = await openDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: undefined });
if (process.env.NOIDX === '1') await db.exec('drop index sheets_report_idx; drop index sheet_events_signoff_idx;');
const facts = await generateCity(db, await loadSeeds(), n);
console.log(facts, process.memoryUsage().rss / 2**20);
const app = createApp({ db });
const r = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staffNumber: facts.auditor.staffNumber, password: 'tenken-demo' }) });
const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const fy = facts.fiscalYear;
const paths = {
  round: `/api/reports/completion?fiscalYear=${fy}&templateId=ethics-self-check&period=first_half`,
  year: `/api/reports/completion?fiscalYear=${fy}`,
  trends: `/api/reports/answer-trends?fiscalYear=${fy}&templateId=ethics-self-check&period=first_half`,
  noShares: `/api/reports/no-shares?fiscalYear=${fy}&templateId=document-management-self-check&period=first_half`,
  risk: `/api/reports/risk-register?fiscalYear=${fy}`,
};
for (const [name, path] of Object.entries(paths)) {
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < 8; i++) {
    const t = performance.now();
    const res = await app.request(path, { headers: { cookie } });
    const body = await res.text();
    size = body.length;
    if (res.status !== 200) throw new Error(body);
    times.push(performance.now() - t);
  }
  console.log(name, times.map((x) => x.toFixed(0)).join(' '), size);
}
await db.close();
