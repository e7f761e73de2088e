import { openDatabase } from '@/server/db/open-database.ts';
import { loadSeeds } from '@/server/seed/load-seeds.ts';
import { generateCity } from './city.ts';
const n = Number(process.argv[2]);
const db = await openDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: undefined });
console.log(await generateCity(db, await loadSeeds(), n));
await db.close();
