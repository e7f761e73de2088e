// The evidence package of a round (実施回): each of its sheets with who fills it in, every
// event of its history (submissions, returns, the sign-off with who, when and the hash of
// what was approved) and the result of verifying its hash chain and sealed content.
import type { RoundEvidence } from '@/shared/api/schemas.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import type { SheetEventType, SheetState } from '@/shared/schemas/sheet.ts';
import type { Queryable } from '../db/database.ts';
import { verifySheetHistories } from '../sheets/verify-history.ts';
import type { RoundFilter } from './report-store.ts';

type EvidenceSheet = RoundEvidence['sheets'][number];

/** Read in one snapshot (readReport), so the sheets, their events and their verification agree. */
export async function loadRoundEvidence(
  db: Queryable,
  filter: RoundFilter,
  units: readonly Unit[],
): Promise<Pick<RoundEvidence, 'summary' | 'units' | 'sheets'>> {
  const params: unknown[] = [filter.templateId, filter.fiscalYear, filter.period];
  const chosen = `s.template_id = $1 and s.fiscal_year = $2 and s.period = $3${
    filter.unitIds === null ? '' : ` and s.unit_id = any($${params.push(filter.unitIds)}::text[])`
  }`;
  // One after another: a transaction is one connection, which runs one query at a time.
  const sheets = await db.query<{
    id: string;
    unit_id: string;
    template_id: string;
    template_version: number;
    owner_kind: EvidenceSheet['ownerKind'];
    owner_name: string | null;
    state: SheetState;
  }>(
    `select s.id, s.unit_id, s.template_id, s.template_version, s.owner_kind, s.state,
         coalesce(se.name, p.name) as owner_name
       from sheets s
         left join people p on p.id = s.owner_person_id
         left join seals se on se.id = s.seal_id
       where ${chosen}
       order by s.unit_id, s.id`,
    params,
  );
  const events = await db.query<{
    sheet_id: string;
    seq: number;
    type: SheetEventType;
    actor_id: string;
    actor_name: string | null;
    at: Date;
    comment: string | null;
    content_hash: string | null;
    prev_hash: string | null;
    hash: string | null;
  }>(
    `select e.sheet_id, e.seq, e.type, e.actor_id, p.name as actor_name, e.at, e.comment,
         e.content_hash, e.prev_hash, e.hash
       from sheets s
         join sheet_events e on e.sheet_id = s.id
         left join people p on p.id = e.actor_id
       where ${chosen}
       order by e.sheet_id, e.seq`,
    params,
  );
  const verified = await verifySheetHistories(
    db,
    sheets.map((s) => ({
      id: s.id,
      templateId: s.template_id,
      templateVersion: s.template_version,
      state: s.state,
    })),
  );
  const eventsOf = new Map<string, EvidenceSheet['events']>();
  for (const e of events) {
    const list = eventsOf.get(e.sheet_id) ?? [];
    list.push({
      seq: e.seq,
      type: e.type,
      actorId: e.actor_id,
      actorName: e.actor_name,
      at: e.at.toISOString(),
      comment: e.comment,
      contentHash: e.content_hash,
      prevHash: e.prev_hash,
      hash: e.hash,
    });
    eventsOf.set(e.sheet_id, list);
  }
  const rows = sheets.map((s): EvidenceSheet => {
    const verification = verified.get(s.id);
    if (!verification) throw new Error(`sheet ${s.id} was not verified`);
    return {
      sheetId: s.id,
      unitId: s.unit_id,
      templateVersion: s.template_version,
      ownerKind: s.owner_kind,
      ownerName: s.owner_name,
      state: s.state,
      events: eventsOf.get(s.id) ?? [],
      verification,
    };
  });
  const used = new Set(rows.map((r) => r.unitId));
  const held = rows.filter((r) => r.verification.ok).length;
  return {
    summary: {
      sheets: rows.length,
      approved: rows.filter((r) => r.state === 'approved').length,
      verified: held,
      broken: rows.length - held,
    },
    units: units.filter((u) => used.has(u.id)),
    sheets: rows,
  };
}
