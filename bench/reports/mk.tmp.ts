import { openDatabase } from '@/server/db/open-database.ts';
import { loadSeeds } from '@/server/seed/load-seeds.ts';
import { generateCity } from './city.ts';
const db = await openDatabase({ dataDir: process.argv[3] });
console.log(await generateCity(db, await loadSeeds(), Number(process.argv[2])));
await db.close();
