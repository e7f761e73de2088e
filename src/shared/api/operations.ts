// Every operation of the HTTP API, with who may call it and the shapes it takes and gives.
// The server mounts its routes from this list, the OpenAPI document is generated from it,
// and the authorization matrix test fails when an operation has no entry there.
import type { z } from 'zod';
import type { Capability } from '../permissions.ts';
import {
  actingAppointmentsQuerySchema,
  actingAppointmentsResponseSchema,
  appointActingRequestSchema,
  appointmentResponseSchema,
  directoryResponseSchema,
  healthResponseSchema,
  hrImportApplyRequestSchema,
  hrImportApplyResponseSchema,
  hrImportFilesSchema,
  hrImportPreviewResponseSchema,
  idParamsSchema,
  meetingSummaryResponseSchema,
  okResponseSchema,
  openApiDocumentSchema,
  passwordChangeRequestSchema,
  passwordResetRequestSchema,
  peopleQuerySchema,
  peopleResponseSchema,
  roundProgressResponseSchema,
  roundQuerySchema,
  roundsResponseSchema,
  saveSealRequestSchema,
  saveSealResponseSchema,
  sealRegisterResponseSchema,
  sendReminderRequestSchema,
  sendReminderResponseSchema,
  sessionResponseSchema,
  sheetDetailResponseSchema,
  sheetsResponseSchema,
  signInRequestSchema,
  startRoundRequestSchema,
  startRoundResponseSchema,
  templatesResponseSchema,
  historyVerificationSchema,
  unitsResponseSchema,
  answerTrendsReportSchema,
  completionQuerySchema,
  completionReportSchema,
  evidenceQuerySchema,
  noSharesReportSchema,
  reportRoundQuerySchema,
  riskRegisterQuerySchema,
  riskRegisterReportSchema,
  roundEvidenceSchema,
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
  /**
   * With format=csv or format=xlsx in the query the answer is that file (to download)
   * instead of the JSON the response schema describes.
   */
  downloads?: true;
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
  listRounds: {
    method: 'get',
    path: '/rounds',
    summary:
      'The rounds (実施回) the person may follow, newest first, with their sheets counted by state',
    access: {
      kind: 'signed_in',
      scope:
        "rounds touching a chief's units and below (counting those units' sheets); every round for auditors and administrators; 403 for anybody else",
    },
    response: roundsResponseSchema,
  },
  startRound: {
    method: 'post',
    path: '/rounds',
    summary:
      "Start a round, or add units to it: one sheet per person, seal or workplace of the units; a new risk sheet starts from last year's approved risks. Starting it again creates nothing new; 409 when it exists with another due date or template version, which error.round names",
    access: {
      kind: 'signed_in',
      scope:
        'a chief for their own unit and the units below it; an administrator for any units; 403 for units out of reach',
    },
    body: startRoundRequestSchema,
    response: startRoundResponseSchema,
  },
  getRoundProgress: {
    method: 'get',
    path: '/progress',
    summary:
      "A round's sheets in a unit and below: who fills each in, where it stands, overdue, started, submitted and last reminded, with the counts",
    access: {
      kind: 'signed_in',
      scope: "those who sign off the unit's sheets, and auditors; 403 for a unit out of reach",
    },
    query: roundQuerySchema,
    response: roundProgressResponseSchema,
  },
  sendReminder: {
    method: 'post',
    path: '/sheets/{id}/reminders',
    summary:
      "Remind the people who fill a sheet in (its owner, the seal's custodian, or the workplace's active members); they get it at their next sync",
    access: {
      kind: 'signed_in',
      scope:
        'those who may sign the sheet off; 409 for a sheet no longer with its people (submitted or approved)',
    },
    params: idParamsSchema,
    body: sendReminderRequestSchema,
    response: sendReminderResponseSchema,
  },
  getMeetingSummary: {
    method: 'get',
    path: '/meeting-summary',
    summary:
      "A person-template round's answers in a unit and below, counted per statement without names; hidden when fewer than 5 people handed theirs in",
    access: { kind: 'signed_in', scope: 'as getRoundProgress' },
    query: roundQuerySchema,
    response: meetingSummaryResponseSchema,
  },
  getCompletionReport: {
    method: 'get',
    path: '/reports/completion',
    summary:
      'Completion across the city for a fiscal year (or one template, one period: a round): per unit rolled up 課 → 部 → 局 → city, sheets assigned, by state, overdue, completion and approval rates, median days from submission to sign-off',
    access: { kind: 'capability', capability: 'readReports' },
    query: completionQuerySchema,
    response: completionReportSchema,
    downloads: true,
  },
  getAnswerTrends: {
    method: 'get',
    path: '/reports/answer-trends',
    summary:
      "A round's agreement statements: the positive rate (① and ②) this year and last year, the difference in points, by age band, employment type, position and chiefs against staff; groups of fewer than 5 answers hidden",
    access: { kind: 'capability', capability: 'readReports' },
    query: reportRoundQuerySchema,
    response: answerTrendsReportSchema,
    downloads: true,
  },
  getNoShares: {
    method: 'get',
    path: '/reports/no-shares',
    summary:
      'A round\'s yes/no checks: the share of "no" in a unit (or the city) and in each unit directly below it; groups of fewer than 5 answers hidden',
    access: { kind: 'capability', capability: 'readReports' },
    query: reportRoundQuerySchema,
    response: noSharesReportSchema,
    downloads: true,
  },
  getRiskRegister: {
    method: 'get',
    path: '/reports/risk-register',
    summary:
      "Every workplace's risks of a fiscal year with likelihood × impact and the countermeasures' state, the deficiencies by type with cause and response, and the counts per unit rolled up",
    access: { kind: 'capability', capability: 'readReports' },
    query: riskRegisterQuerySchema,
    response: riskRegisterReportSchema,
    downloads: true,
  },
  getRoundEvidence: {
    method: 'get',
    path: '/reports/evidence',
    summary:
      "The evidence of a round: its sheets, every event of their histories with the sign-offs, and the result of verifying each sheet's hash chain and sealed content",
    access: { kind: 'capability', capability: 'readReports' },
    query: evidenceQuerySchema,
    response: roundEvidenceSchema,
    downloads: true,
  },
  listUnits: {
    method: 'get',
    path: '/units',
    summary: "The city's units (the organisation chart is no secret inside the city hall)",
    access: { kind: 'signed_in' },
    response: unitsResponseSchema,
  },
  getDirectory: {
    method: 'get',
    path: '/directory',
    summary:
      'The units, and the people, seals and acting chief appointments (in force or scheduled) of the units the person reaches: what a device needs to name the owners of sheets and apply the approver rule offline',
    access: {
      kind: 'signed_in',
      scope:
        "the people, seals and acting appointments of a chief's units and below, of every unit for auditors; otherwise the person, and their unit's seals and acting appointments",
    },
    response: directoryResponseSchema,
  },
  listSeals: {
    method: 'get',
    path: '/units/{id}/seals',
    summary: "A unit's seal register (公印), with the unit's people who may keep a seal",
    access: {
      kind: 'signed_in',
      scope:
        "chiefs of the unit or above it, the unit's seal custodians, auditors and administrators",
    },
    params: idParamsSchema,
    response: sealRegisterResponseSchema,
  },
  saveSeal: {
    method: 'post',
    path: '/units/{id}/seals',
    summary:
      "Add a seal to a unit's register or change one; a new seal gets its checklist in the rounds still open",
    access: {
      kind: 'signed_in',
      scope:
        'chiefs of the unit or above it and administrators; the custodian must be an active person of the unit',
    },
    params: idParamsSchema,
    body: saveSealRequestSchema,
    response: saveSealResponseSchema,
  },
  listPeople: {
    method: 'get',
    path: '/people',
    summary:
      'Search the register, people who have left included, by name or staff number (any width of letters, digits and spaces), unit and state; a page at a time in staff number order, with the count of all matches',
    access: { kind: 'capability', capability: 'readOrganisation' },
    query: peopleQuerySchema,
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
  listActingAppointments: {
    method: 'get',
    path: '/acting-appointments',
    summary:
      'Acting chief appointments (代理), ended ones included; with unitId, also who may be appointed for that unit',
    access: {
      kind: 'signed_in',
      scope:
        "every appointment for auditors and administrators, a chief's unit and below, otherwise the person's own; with unitId, 403 unless the caller may appoint for that unit",
    },
    query: actingAppointmentsQuerySchema,
    response: actingAppointmentsResponseSchema,
  },
  appointActingChief: {
    method: 'post',
    path: '/acting-appointments',
    summary:
      'Appoint an active person of a unit or below (not already its chief) to act as its chief for a period of days; 409 when it overlaps another appointment of the unit',
    access: {
      kind: 'signed_in',
      scope: "administrators, the unit's chief, or the chief of the unit above",
    },
    body: appointActingRequestSchema,
    response: appointmentResponseSchema,
  },
  endActingAppointment: {
    method: 'post',
    path: '/acting-appointments/{id}/end',
    summary:
      'End an acting chief appointment now, before its last day (recorded with who and when; never deleted)',
    access: { kind: 'signed_in', scope: 'as appointActingChief, for the unit of the appointment' },
    params: idParamsSchema,
    response: appointmentResponseSchema,
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
