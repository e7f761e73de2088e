// The canonical text of a sheet's content: what a submission and a sign-off hash, so that
// anyone can recompute the hash from the stored rows and see whether they changed.
import { z } from 'zod';
import { answerSchema, type Answer } from './schemas/answer.ts';
import { idSchema } from './schemas/common.ts';
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

const sheetContentSchema = z.object({
  sheetId: idSchema,
  templateId: idSchema,
  templateVersion: z.number().int().min(1),
  answers: z.record(z.string(), answerSchema),
});

/** The answers of a sheet's canonical content (e.g. a kept submission); null when it is not one. */
export function answersOfContent(text: string): Record<string, Answer> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = sheetContentSchema.safeParse(value);
  if (!parsed.success) return null;
  return Object.fromEntries(
    Object.entries(parsed.data.answers).map(([id, { value: v, comment, action }]) => [
      id,
      {
        value: v,
        ...(comment === undefined ? {} : { comment }),
        ...(action === undefined ? {} : { action }),
      },
    ]),
  );
}
