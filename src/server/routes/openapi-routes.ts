// GET /api/openapi.json: the API's description, built once.
import type { Hono } from 'hono';
import { operations } from '@/shared/api/operations.ts';
import { openApiDocument } from '../openapi.ts';
import type { ServerContext } from '../server-context.ts';
import { mountOperation } from './mount-operation.ts';

export function openApiRoutes(app: Hono, ctx: ServerContext): void {
  const document = openApiDocument();
  mountOperation(app, ctx, operations.getOpenApi, ({ c }) => c.json(document));
}
