// The bodies of API requests and answers: the server validates what comes in with them,
// the client validates what comes back, and the OpenAPI document is generated from them.
import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from '../schemas/common.ts';
import { personSchema, roles } from '../schemas/organisation.ts';
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

export const idParamsSchema = z.object({ id: idSchema });
