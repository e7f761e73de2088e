// One shape for every error answer of the API: { error: { code, message } }, with the
// optional details that errorResponseSchema (src/shared/api/schemas.ts) documents.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorResponse } from '@/shared/api/schemas.ts';

export type ErrorDetails = Omit<ErrorResponse['error'], 'code' | 'message'>;

export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  details: ErrorDetails = {},
) {
  return c.json({ error: { code, message, ...details } }, status);
}
