// The bodies of API requests and answers: the server validates what comes in with them,
// the client validates what comes back, and the OpenAPI document is generated from them.
import { z } from 'zod';
import { idSchema, isoDateTimeSchema, localizedTextSchema } from '../schemas/common.ts';
import { personSchema, roles, unitSchema } from '../schemas/organisation.ts';
import { sheetEventSchema, sheetSchema } from '../schemas/sheet.ts';
import { templateSchema } from '../schemas/template.ts';

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** With too_many_attempts: when to try again. */
    retryAfterMinutes: z.number().int().positive().optional(),
    /** With invalid_request: every problem, by path. */
    problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** A new password: long enough to resist guessing, short enough to hash cheaply. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const signInRequestSchema = z.strictObject({
  staffNumber: z.string().trim().min(1).max(20),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const sessionPersonSchema = z.object({
  id: idSchema,
  staffNumber: z.string(),
  name: z.string(),
  unitId: idSchema,
  unitName: z.string(),
  roles: z.array(z.enum(roles)),
});
export type SessionPerson = z.infer<typeof sessionPersonSchema>;

export const sessionResponseSchema = z.object({
  person: sessionPersonSchema,
  /** Sent back in the X-CSRF-Token header of every state-changing request. */
  csrfToken: z.string(),
  mustChangePassword: z.boolean(),
  expiresAt: isoDateTimeSchema,
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const passwordChangeRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: newPasswordSchema,
});

export const passwordResetRequestSchema = z.strictObject({ newPassword: newPasswordSchema });

export const okResponseSchema = z.object({ ok: z.literal(true) });

export const openApiDocumentSchema = z.looseObject({ openapi: z.string() });

export const healthResponseSchema = z.object({ status: z.literal('ok') });

export const templatesResponseSchema = z.object({ templates: z.array(templateSchema) });

export const sheetsResponseSchema = z.object({ sheets: z.array(sheetSchema) });

export const sheetAnswerSchema = z.object({
  itemId: idSchema,
  value: z.unknown(),
  comment: z.string().optional(),
  action: z.string().optional(),
  updatedBy: idSchema,
  updatedAt: isoDateTimeSchema,
});

export const sheetDetailResponseSchema = z.object({
  sheet: sheetSchema,
  answers: z.array(sheetAnswerSchema),
  events: z.array(sheetEventSchema),
});

export const peopleResponseSchema = z.object({ people: z.array(personSchema) });

export const unitsResponseSchema = z.object({ units: z.array(unitSchema) });

export const idParamsSchema = z.object({ id: idSchema });

/** The HR system's CSV files, as bytes in base64 (they may be Shift_JIS). */
export const hrImportFilesSchema = z.strictObject({
  unitsCsv: z.base64().optional(),
  peopleCsv: z.base64(),
});

export const hrImportApplyRequestSchema = hrImportFilesSchema.extend({
  /** The digest of the preview the administrator confirmed. */
  previewDigest: z.string().regex(/^[0-9a-f]{64}$/),
});

const fieldChangeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const hrChangesSchema = z.object({
  newUnits: z.array(unitSchema),
  changedUnits: z.array(z.object({ unit: unitSchema, changes: z.array(fieldChangeSchema) })),
  newPeople: z.array(personSchema),
  moves: z.array(z.object({ person: personSchema, fromUnitId: idSchema, toUnitId: idSchema })),
  leavers: z.array(personSchema),
  returning: z.array(personSchema),
  roleChanges: z.array(
    z.object({
      person: personSchema,
      before: z.array(z.enum(roles)),
      after: z.array(z.enum(roles)),
    }),
  ),
  otherChanges: z.array(z.object({ person: personSchema, changes: z.array(fieldChangeSchema) })),
  unchanged: z.number().int().min(0),
});

export const hrImportErrorSchema = z.object({
  file: z.enum(['units', 'people']),
  line: z.number().int().min(1),
  column: z.string().nullable(),
  code: z.string(),
  message: localizedTextSchema,
});

export const hrImportPreviewResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(false), errors: z.array(hrImportErrorSchema) }),
  z.object({
    ok: z.literal(true),
    changes: hrChangesSchema,
    warnings: z.array(z.object({ code: z.string(), message: localizedTextSchema }).loose()),
    /** Names exactly this preview; applying needs it back. */
    digest: z.string(),
  }),
]);
export type HrImportPreview = z.infer<typeof hrImportPreviewResponseSchema>;

export const hrImportApplyResponseSchema = z.object({
  applied: z.literal(true),
  changes: hrChangesSchema,
});

/** The result of recomputing a sheet's history chain and its sealed content. */
export const historyVerificationSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), events: z.number().int().min(0) }),
  z.object({
    ok: z.literal(false),
    events: z.number().int().min(0),
    /** The first event that does not hold: changed, unlinked, missing, or content changed since. */
    brokenAt: z.object({
      seq: z.number().int().min(1),
      reason: z.enum(['event_changed', 'link_broken', 'event_missing', 'content_changed']),
    }),
  }),
]);
export type HistoryVerification = z.infer<typeof historyVerificationSchema>;
