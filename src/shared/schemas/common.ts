// Building blocks shared by every schema: identifiers, bilingual text and dates.
import { z } from 'zod';

/** Identifiers are stable, readable slugs or UUIDs: letters, digits, '-', '_' and '.'. */
export const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "may contain only letters, digits, '.', '_' and '-'");

/** Every text a person reads exists in Japanese (the working language) and English. */
export const localizedTextSchema = z.strictObject({
  ja: z.string().trim().min(1, 'Japanese text is required'),
  en: z.string().trim().min(1, 'English text is required'),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** A calendar date as written in data files and on the wire: YYYY-MM-DD. */
export const isoDateSchema = z.iso.date({ message: 'must be a date written as YYYY-MM-DD' });

/** A point in time as an ISO 8601 string with a zone (server time for everything official). */
export const isoDateTimeSchema = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time',
});
