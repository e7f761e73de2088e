// Sheets (one filled copy of a template for a person, a seal or a workplace), and the
// events of their workflow.
import { z } from 'zod';
import { idSchema, isoDateSchema, isoDateTimeSchema } from './common.ts';
import { periods } from '../fiscal-year.ts';

export const sheetStates = ['draft', 'submitted', 'returned', 'approved'] as const;
export type SheetState = (typeof sheetStates)[number];

/**
 * The sheets whose answers count in the meeting view and the auditors' figures: handed in
 * (submitted or approved). A returned sheet is being corrected and a draft may still
 * change, so neither speaks for its person yet.
 */
export const handedInStates: readonly SheetState[] = ['submitted', 'approved'];

export const sheetOwnerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('person'), personId: idSchema }),
  z.strictObject({ kind: z.literal('seal'), sealId: idSchema, custodianId: idSchema }),
  z.strictObject({ kind: z.literal('workplace') }),
]);
export type SheetOwner = z.infer<typeof sheetOwnerSchema>;

export const sheetSchema = z.strictObject({
  id: idSchema,
  templateId: idSchema,
  templateVersion: z.number().int().min(1),
  unitId: idSchema,
  owner: sheetOwnerSchema,
  fiscalYear: z.number().int().min(1989).max(2200),
  period: z.enum(periods),
  dueDate: isoDateSchema,
  state: z.enum(sheetStates),
  /** Increases with every change of content or state; workflow commands name the one they saw. */
  revision: z.number().int().min(0),
});
export type Sheet = z.infer<typeof sheetSchema>;

export const sheetEventTypes = [
  'created',
  'answered',
  'submitted',
  'returned',
  'approved',
] as const;
export type SheetEventType = (typeof sheetEventTypes)[number];

export const sheetEventSchema = z.strictObject({
  sheetId: idSchema,
  seq: z.number().int().min(1),
  type: z.enum(sheetEventTypes),
  actorId: idSchema,
  at: isoDateTimeSchema,
  comment: z.string().max(4000).optional(),
  /** SHA-256 of the sheet's canonical content, on submit and approve. */
  contentHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type SheetEvent = z.infer<typeof sheetEventSchema>;
