// The canonical text of a sheet's content: what a submission and a sign-off hash, so that
// anyone can recompute the hash from the stored rows and see whether they changed.
import type { Answer } from './schemas/answer.ts';
import type { Sheet } from './schemas/sheet.ts';

/** JSON with object keys sorted at every level, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The sheet's identity, its template version and every answer, by item id. */
export function canonicalSheetContent(
  sheet: Pick<Sheet, 'id' | 'templateId' | 'templateVersion'>,
  answers: Readonly<Record<string, Answer>>,
): string {
  return canonicalJson({
    sheetId: sheet.id,
    templateId: sheet.templateId,
    templateVersion: sheet.templateVersion,
    answers,
  });
}
