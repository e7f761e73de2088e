// A round (実施回): one template's check for a fiscal year and period, the units it reaches,
// and who started it.
import { z } from 'zod';
import { periods } from '../fiscal-year.ts';
import { idSchema, isoDateSchema, isoDateTimeSchema } from './common.ts';

export const roundSchema = z.strictObject({
  /** <template id>.<fiscal year>.<period>, the prefix of its sheets' ids. */
  id: idSchema,
  templateId: idSchema,
  templateVersion: z.number().int().min(1),
  fiscalYear: z.number().int().min(1989).max(2200),
  period: z.enum(periods),
  dueDate: isoDateSchema,
  /** The units whose people, seals or workplaces get a sheet. */
  unitIds: z.array(idSchema).min(1),
  /** Null only for a round recorded from sheets older than rounds, whose creator is unknown. */
  startedBy: idSchema.nullable(),
  startedAt: isoDateTimeSchema,
});
export type Round = z.infer<typeof roundSchema>;
