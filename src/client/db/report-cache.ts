// The reports an auditor last fetched, one of each kind, kept in the person's database so the
// dashboard still reads offline (each report says when the server made it); and which of a
// report's sheets this device holds, so that only those offer their print view.
import { useLiveQuery } from 'dexie-react-hooks';
import type { z } from 'zod';
import {
  answerTrendsReportSchema,
  completionReportSchema,
  noSharesReportSchema,
  riskRegisterReportSchema,
} from '@/shared/api/schemas.ts';
import { currentPersonDb, type PersonDb } from './person-db.ts';

export const keptReportSchemas = {
  completion: completionReportSchema,
  answerTrends: answerTrendsReportSchema,
  noShares: noSharesReportSchema,
  riskRegister: riskRegisterReportSchema,
} as const;
export type KeptReportKind = keyof typeof keptReportSchemas;
export type KeptReport<K extends KeptReportKind> = z.output<(typeof keptReportSchemas)[K]>;

export interface StoredReport {
  kind: KeptReportKind;
  /** As the server sent it; read back through its schema, so a copy an older app wrote in another shape is no copy. */
  report: unknown;
}

function db(): PersonDb {
  const d = currentPersonDb();
  if (!d) throw new Error('no person is signed in on this device');
  return d;
}

/**
 * Keeps a report as the one of its kind to read offline. A failed write (a full disk) only
 * costs the offline copy: the screen already shows the report, so it is not an error there.
 */
export async function keepReport<K extends KeptReportKind>(
  kind: K,
  report: KeptReport<K>,
): Promise<void> {
  const d = currentPersonDb();
  if (!d || d.disposed) return;
  await d.reports.put({ kind, report }).catch(() => undefined);
}

/** The kept report of a kind, live; null when there is none, undefined while loading. */
export function useKeptReport<K extends KeptReportKind>(kind: K): KeptReport<K> | null | undefined {
  return useLiveQuery(async () => {
    const stored = await db().reports.get(kind);
    if (!stored) return null;
    const parsed = keptReportSchemas[kind].safeParse(stored.report);
    return parsed.success ? (parsed.data as KeptReport<K>) : null;
  }, [kind]);
}

/** Which of these sheets the device holds, live; undefined while loading. */
export function useHeldSheetIds(sheetIds: readonly string[]): ReadonlySet<string> | undefined {
  const key = sheetIds.join('\n');
  return useLiveQuery(async () => {
    const found = await db().sheets.bulkGet(key === '' ? [] : key.split('\n'));
    return new Set(found.flatMap((s) => (s ? [s.id] : [])));
  }, [key]);
}
