// Every operation of the HTTP API, with who may call it and the shapes it takes and gives.
// The server mounts its routes from this list, the OpenAPI document is generated from it,
// and the authorization matrix test fails when an operation has no entry there.
import type { z } from 'zod';
import type { Capability } from '../permissions.ts';
import {
  healthResponseSchema,
  hrImportApplyRequestSchema,
  hrImportApplyResponseSchema,
  hrImportFilesSchema,
  hrImportPreviewResponseSchema,
  idParamsSchema,
  okResponseSchema,
  openApiDocumentSchema,
  passwordChangeRequestSchema,
  passwordResetRequestSchema,
  peopleResponseSchema,
  sessionResponseSchema,
  sheetDetailResponseSchema,
  sheetsResponseSchema,
  signInRequestSchema,
  templatesResponseSchema,
  historyVerificationSchema,
  unitsResponseSchema,
} from './schemas.ts';
import {
  pullQuerySchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
} from '../sync/protocol.ts';

/**
 * Who may call an operation: anyone; any signed-in person (the answer is then limited to
 * what their roles reach, and a single record out of reach is refused); or only people
 * holding a capability of the permission table.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'signed_in'; scope?: string }
  | { kind: 'capability'; capability: Capability };

export interface Operation {
  id: string;
  method: 'get' | 'post' | 'delete';
  /** Relative to /api, with {name} for path parameters as OpenAPI writes them. */
  path: string;
  summary: string;
  access: Access;
  /** Allowed while the person must still replace a password an administrator reset. */
  beforePasswordChange?: true;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
}

const defineOperations = <const T extends Record<string, Omit<Operation, 'id'>>>(ops: T) =>
  Object.fromEntries(Object.entries(ops).map(([id, op]) => [id, { id, ...op }])) as {
    [K in keyof T]: T[K] & { id: K };
  };

export const operations = defineOperations({
  getHealth: {
    method: 'get',
    path: '/health',
    summary: 'Whether the server and its database answer',
    access: { kind: 'public' },
    response: healthResponseSchema,
  },
  getOpenApi: {
    method: 'get',
    path: '/openapi.json',
    summary: 'This description of the API',
    access: { kind: 'public' },
    response: openApiDocumentSchema,
  },
  signIn: {
    method: 'post',
    path: '/session',
    summary: 'Sign in with staff number and password; sets the session cookie',
    access: { kind: 'public' },
    body: signInRequestSchema,
    response: sessionResponseSchema,
  },
  getSession: {
    beforePasswordChange: true,
    method: 'get',
    path: '/session',
    summary: 'The signed-in person and the token for state-changing requests',
    access: { kind: 'signed_in' },
    response: sessionResponseSchema,
  },
  signOut: {
    beforePasswordChange: true,
    method: 'delete',
    path: '/session',
    summary: 'Sign out: the session is revoked on the server',
    access: { kind: 'signed_in' },
    response: okResponseSchema,
  },
  changePassword: {
    beforePasswordChange: true,
    method: 'post',
    path: '/session/password',
    summary: "Change one's own password; other sessions of the person are revoked",
    access: { kind: 'signed_in' },
    body: passwordChangeRequestSchema,
    response: okResponseSchema,
  },
  listTemplates: {
    method: 'get',
    path: '/templates',
    summary: 'The newest version of each published template',
    access: { kind: 'signed_in' },
    response: templatesResponseSchema,
  },
  listSheets: {
    method: 'get',
    path: '/sheets',
    summary: 'The sheets the person may read',
    access: {
      kind: 'signed_in',
      scope:
        "own sheets; a chief's units and below; a seal custodian's unit's seal checklists; every sheet for auditors",
    },
    response: sheetsResponseSchema,
  },
  getSheet: {
    method: 'get',
    path: '/sheets/{id}',
    summary: 'One sheet with its answers and events',
    access: { kind: 'signed_in', scope: 'as listSheets; 403 for a sheet out of reach' },
    params: idParamsSchema,
    response: sheetDetailResponseSchema,
  },
  verifySheet: {
    method: 'get',
    path: '/sheets/{id}/verify',
    summary:
      "Recompute a sheet's history chain and its sealed content; names the first event that does not hold",
    access: { kind: 'signed_in', scope: 'as getSheet' },
    params: idParamsSchema,
    response: historyVerificationSchema,
  },
  listUnits: {
    method: 'get',
    path: '/units',
    summary: "The city's units (the organisation chart is no secret inside the city hall)",
    access: { kind: 'signed_in' },
    response: unitsResponseSchema,
  },
  listPeople: {
    method: 'get',
    path: '/people',
    summary: 'Everyone in the register, including people who have left',
    access: { kind: 'capability', capability: 'readOrganisation' },
    response: peopleResponseSchema,
  },
  resetPassword: {
    method: 'post',
    path: '/people/{id}/password',
    summary: "Set a person's password; they must change it at next sign-in, and their sessions end",
    access: { kind: 'capability', capability: 'manageOrganisation' },
    params: idParamsSchema,
    body: passwordResetRequestSchema,
    response: okResponseSchema,
  },
  deactivatePerson: {
    method: 'post',
    path: '/people/{id}/deactivate',
    summary: 'Deactivate a person (kept with their sheets); their sessions end',
    access: { kind: 'capability', capability: 'manageOrganisation' },
    params: idParamsSchema,
    response: okResponseSchema,
  },
  syncPush: {
    method: 'post',
    path: '/sync/push',
    summary:
      "Send a device's queued mutations in order; each is applied once or rejected with a reason, and a retry returns the recorded results",
    access: {
      kind: 'signed_in',
      scope: 'each mutation is checked against the permission table and the workflow',
    },
    body: pushRequestSchema,
    response: pushResponseSchema,
  },
  syncPull: {
    method: 'get',
    path: '/sync/pull',
    summary:
      "What changed since the device's cursor among the sheets the person may read, with the results of the device's own mutations",
    access: { kind: 'signed_in', scope: 'as listSheets' },
    query: pullQuerySchema,
    response: pullResponseSchema,
  },
  previewHrImport: {
    method: 'post',
    path: '/hr-import/preview',
    summary:
      "Check the HR system's units and people files and show what importing them would change; changes nothing",
    access: { kind: 'capability', capability: 'manageOrganisation' },
    body: hrImportFilesSchema,
    response: hrImportPreviewResponseSchema,
  },
  applyHrImport: {
    method: 'post',
    path: '/hr-import',
    summary:
      'Apply the previewed HR import, all or nothing; refused (409) if the result would differ from the preview',
    access: { kind: 'capability', capability: 'manageOrganisation' },
    body: hrImportApplyRequestSchema,
    response: hrImportApplyResponseSchema,
  },
});

export type OperationId = keyof typeof operations;
export const operationList: readonly Operation[] = Object.values(operations);
