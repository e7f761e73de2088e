// The sync wire format: push sends a device's outbox in order; pull returns what changed,
// since the device's cursor, among what the person may see.
import { z } from 'zod';
import { answerSchema } from '../schemas/answer.ts';
import { idSchema, isoDateTimeSchema } from '../schemas/common.ts';
import { sheetEventSchema, sheetSchema } from '../schemas/sheet.ts';
import { mutationEnvelopeSchema, rejectionCodes } from './mutations.ts';

/** A device's own id: one per person's database on one device. */
export const clientIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8–64 letters, digits or "-"');

export const MAX_PUSH_MUTATIONS = 200;

export const pushRequestSchema = z.strictObject({
  clientId: clientIdSchema,
  schemaVersion: z.number().int().min(1),
  mutations: z.array(mutationEnvelopeSchema).min(1).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** Another device's edit that this one overwrote (or the other way round): both are kept. */
export const overwriteSchema = z.object({
  sheetId: idSchema,
  itemId: idSchema,
  /** The value that was replaced, who wrote it and from which device. */
  replaced: answerSchema.nullable(),
  replacedBy: idSchema,
  replacedClientId: z.string(),
  /** The value that replaced it. */
  value: answerSchema.nullable(),
  by: idSchema,
  clientId: z.string(),
  version: z.number().int(),
  at: isoDateTimeSchema,
});
export type Overwrite = z.infer<typeof overwriteSchema>;

export const mutationResultSchema = z.object({
  seq: z.number().int().min(1),
  status: z.enum(['applied', 'rejected']),
  code: z.enum(rejectionCodes).optional(),
  /** For a rejection: why, in words a person can read. */
  message: z.string().optional(),
  /** For an applied edit that replaced another device's newer value. */
  overwrite: overwriteSchema.optional(),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({ results: z.array(mutationResultSchema) });
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullQuerySchema = z.object({
  clientId: clientIdSchema,
  /** 0 for a first pull. */
  cursor: z.coerce.number().int().min(0),
  schemaVersion: z.coerce.number().int().min(1),
  /** The `scope` of the device's last pull; when the person's reach has changed since, the pull is a reset. */
  scope: z.string().max(100).optional(),
});

export const serverAnswerSchema = z.object({
  sheetId: idSchema,
  itemId: idSchema,
  answer: answerSchema,
  version: z.number().int().min(1),
  updatedBy: idSchema,
  updatedAt: isoDateTimeSchema,
});
export type ServerAnswer = z.infer<typeof serverAnswerSchema>;

/** A chief's reminder about a sheet, to one person who must act on it. */
export const pulledReminderSchema = z.object({
  id: idSchema,
  sheetId: idSchema,
  sentBy: idSchema,
  sentByName: z.string(),
  sentAt: isoDateTimeSchema,
  message: z.string().optional(),
  version: z.number().int().min(1),
});
export type PulledReminder = z.infer<typeof pulledReminderSchema>;

/** What a submission contained: the canonical content whose SHA-256 its event carries. */
export const keptSubmissionSchema = z.object({
  sheetId: idSchema,
  /** The submitted event's seq. */
  seq: z.number().int().min(1),
  content: z.string(),
});
export type KeptSubmission = z.infer<typeof keptSubmissionSchema>;

export const MAX_PULL_ROWS = 5000;

export const pullResponseSchema = z.object({
  /** The person's reach changed (or this is a first pull): drop every stored sheet first. */
  reset: z.boolean(),
  cursor: z.number().int().min(0),
  /** What the person can reach, as a token: sent back with the next pull. */
  scope: z.string(),
  /** More changes wait: pull again at once with the new cursor. */
  more: z.boolean(),
  sheets: z.array(sheetSchema),
  /** Every answer of each sheet in `sheets`: a sheet's stored answers are replaced by these. */
  answers: z.array(serverAnswerSchema),
  /** Every event of each sheet in `sheets` (created, submitted, returned with its comment…). */
  events: z.array(sheetEventSchema),
  /** This device's mutations decided since the cursor (also in the push answer, which may be lost). */
  results: z.array(mutationResultSchema),
  /** Other devices' edits that replaced this person's values. */
  overwrites: z.array(overwriteSchema),
  /**
   * For each sheet in `sheets` waiting for sign-off in the person's reach and submitted more
   * than once: the content of the submission before the latest, to show what changed since.
   */
  previousSubmissions: z.array(keptSubmissionSchema).optional(),
  /** Reminders sent to this person since the cursor (all of them on a reset); absent means none. */
  reminders: z.array(pulledReminderSchema).optional(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
