// The bodies of API requests and answers: the server validates what comes in with them,
// the client validates what comes back, and the OpenAPI document is generated from them.
import { z } from 'zod';
import { actingAppointmentSchema, appointmentStatuses } from '../acting-chiefs.ts';
import { periods } from '../fiscal-year.ts';
import { locales } from '../locale.ts';
import { breakdownGroups } from '../metrics/answer-trends.ts';
import { countermeasureStatuses, deficiencyTypes } from '../metrics/risk-register.ts';
import {
  idSchema,
  isoDateSchema,
  isoDateTimeSchema,
  localizedTextSchema,
} from '../schemas/common.ts';
import { personSchema, roles, sealSchema, unitSchema } from '../schemas/organisation.ts';
import { sheetEventSchema, sheetSchema, sheetStates } from '../schemas/sheet.ts';
import { roundSchema } from '../schemas/round.ts';
import { templateSchema } from '../schemas/template.ts';

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** With too_many_attempts: when to try again. */
    retryAfterMinutes: z.number().int().positive().optional(),
    /** With invalid_request: every problem, by path. */
    problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /**
     * With round_other_due_date and round_other_version: what the round exists with, so a
     * chief who cannot see it (it reaches only other units) can match it. Nothing more of it.
     */
    round: roundSchema.pick({ dueDate: true, templateVersion: true }).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
/** The due date and template version a refused start of a round names. */
export type ExistingRound = NonNullable<ErrorResponse['error']['round']>;

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
  /** The units the person acts as chief of today (代理); absent from older servers. */
  actingUnitIds: z.array(idSchema).optional(),
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

const PEOPLE_PAGE_SIZE = 50;
const PEOPLE_PAGE_MAX = 200;

/**
 * A search of the register, one page at a time: a city has tens of thousands of people, and
 * leavers stay in it. `q` matches name or staff number as typed, whatever the width of its
 * letters, digits and spaces (a name has a full-width space between family and given name).
 */
export const peopleQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  /** That unit only, not the units below it. */
  unitId: idSchema.optional(),
  /** Active people or leavers only; both when absent. */
  active: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(PEOPLE_PAGE_MAX).default(PEOPLE_PAGE_SIZE),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PeopleQuery = z.infer<typeof peopleQuerySchema>;

/** A page of the matches in staff number order, and how many match in all. */
export const peopleResponseSchema = z.object({
  people: z.array(personSchema),
  total: z.number().int().min(0),
  limit: z.number().int().min(1),
  offset: z.number().int().min(0),
});

export const unitsResponseSchema = z.object({ units: z.array(unitSchema) });

/**
 * The part of the organisation a device needs to name the owners of the sheets its person
 * signs off and to apply the approver rule offline: the units, and the people, seals and
 * acting chief appointments of the units the person reaches.
 */
export const directoryResponseSchema = z.object({
  units: z.array(unitSchema),
  people: z.array(
    personSchema.pick({
      id: true,
      staffNumber: true,
      name: true,
      unitId: true,
      position: true,
      roles: true,
      active: true,
    }),
  ),
  seals: z.array(sealSchema.pick({ id: true, unitId: true, name: true, custodianId: true })),
  /**
   * The acting chief appointments of those units that are in force or scheduled on the
   * server's Japan calendar day (not ended early, not over), with what the approver rule
   * reads of them: the device decides with its own day which are in force.
   */
  actingAppointments: z.array(
    actingAppointmentSchema.pick({
      unitId: true,
      personId: true,
      startsOn: true,
      endsOn: true,
      endedAt: true,
    }),
  ),
});
export type Directory = z.infer<typeof directoryResponseSchema>;

export const idParamsSchema = z.object({ id: idSchema });

/** An acting chief appointment (代理) as listed, with the names a screen shows. */
export const listedAppointmentSchema = actingAppointmentSchema.extend({
  /** Where it stands on the server's Japan calendar day. */
  status: z.enum(appointmentStatuses),
  unitName: z.string(),
  personName: z.string(),
  personStaffNumber: z.string(),
  appointedByName: z.string(),
  endedByName: z.string().nullable(),
});
export type ListedAppointment = z.infer<typeof listedAppointmentSchema>;

export const actingAppointmentsQuerySchema = z.object({
  /** Also list the people who may be appointed for this unit (for those who may appoint). */
  unitId: idSchema.optional(),
});

export const actingAppointmentsResponseSchema = z.object({
  /** The server's Japan calendar day: it decides which appointments are in force. */
  today: isoDateSchema,
  appointments: z.array(listedAppointmentSchema),
  /** With unitId: the active people of the unit and below who are not already its chief. */
  candidates: z.array(
    personSchema.pick({ id: true, staffNumber: true, name: true, unitId: true, position: true }),
  ),
});
export type ActingAppointmentsResponse = z.infer<typeof actingAppointmentsResponseSchema>;

export const appointActingRequestSchema = z
  .strictObject({
    unitId: idSchema,
    personId: idSchema,
    /** Japan calendar days, both included; the first may not be before today. */
    startsOn: isoDateSchema,
    endsOn: isoDateSchema,
  })
  .refine((r) => r.startsOn <= r.endsOn, {
    path: ['endsOn'],
    message: 'must not be before the first day',
  });

export const appointmentResponseSchema = z.object({ appointment: listedAppointmentSchema });

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
    /**
     * The first event that does not hold: changed, unlinked, missing, content changed since,
     * or a submission's kept content that no longer matches its hash.
     */
    brokenAt: z.object({
      seq: z.number().int().min(1),
      reason: z.enum([
        'event_changed',
        'link_broken',
        'event_missing',
        'content_changed',
        'snapshot_changed',
      ]),
    }),
  }),
]);
export type HistoryVerification = z.infer<typeof historyVerificationSchema>;

/** Start a round (実施回): the template version, the year and period, the due date, the units. */
export const startRoundRequestSchema = z.strictObject({
  templateId: idSchema,
  templateVersion: z.number().int().min(1),
  fiscalYear: z.number().int().min(1989).max(2200),
  period: z.enum(periods),
  dueDate: isoDateSchema,
  unitIds: z
    .array(idSchema)
    .min(1, 'choose at least one unit')
    .max(5000)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a unit'),
});
export type StartRoundRequest = z.infer<typeof startRoundRequestSchema>;

export const startRoundResponseSchema = z.object({
  round: roundSchema,
  /** Sheets this start created: 0 when the units' sheets of the round existed already. */
  created: z.number().int().min(0),
  /** Of those, the risk sheets that start from last year's approved risks. */
  carriedForward: z.number().int().min(0),
});

export const roundsResponseSchema = z.object({
  rounds: z.array(
    z.object({
      round: roundSchema,
      startedByName: z.string().nullable(),
      /** The round's sheets that the caller reaches, by state. */
      counts: z.record(z.enum(sheetStates), z.number().int().min(0)),
    }),
  ),
});
export type RoundListing = z.infer<typeof roundsResponseSchema>['rounds'][number];

/** A unit's seal register, with the people who may keep one of its seals. */
export const sealRegisterResponseSchema = z.object({
  seals: z.array(sealSchema),
  /** The unit's active people. */
  custodians: z.array(z.object({ id: idSchema, name: z.string(), staffNumber: z.string() })),
});
export type SealRegister = z.infer<typeof sealRegisterResponseSchema>;

/** A seal to add to a unit's register (no id: the server gives one) or to change. */
export const saveSealRequestSchema = sealSchema
  .omit({ id: true, unitId: true })
  .extend({ id: idSchema.optional() });
export type SaveSealRequest = z.infer<typeof saveSealRequestSchema>;

export const saveSealResponseSchema = z.object({
  seal: sealSchema,
  /** Seal checklists created for the seal by rounds still open to it. */
  created: z.number().int().min(0),
});

/** A round (実施回) of one template in a unit and the units below it. */
export const roundQuerySchema = z.object({
  templateId: idSchema,
  fiscalYear: z.coerce.number().int().min(1989).max(2200),
  period: z.enum(periods),
  unitId: idSchema,
});
export type RoundQuery = z.infer<typeof roundQuerySchema>;

const countSchema = z.number().int().min(0);

export const roundProgressSheetSchema = z.object({
  sheetId: idSchema,
  unitId: idSchema,
  unitName: z.string(),
  /** Who fills the sheet in, by name; a workplace's sheet is named by its unit. */
  owner: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('person'), personId: idSchema, name: z.string() }),
    z.object({
      kind: z.literal('seal'),
      sealId: idSchema,
      sealName: z.string(),
      custodianId: idSchema,
      custodianName: z.string(),
    }),
    z.object({ kind: z.literal('workplace') }),
  ]),
  state: z.enum(sheetStates),
  dueDate: isoDateSchema,
  /** Past its due date (the server's day in Japan) and neither submitted nor approved. */
  overdue: z.boolean(),
  /** Something has been answered. */
  started: z.boolean(),
  /** The latest submission; null when never submitted. */
  submittedAt: isoDateTimeSchema.nullable(),
  lastReminderAt: isoDateTimeSchema.nullable(),
});
export type RoundProgressSheet = z.infer<typeof roundProgressSheetSchema>;

export const roundProgressResponseSchema = z.object({
  round: roundQuerySchema,
  /** The server's calendar day in Japan, against which overdue is decided. */
  today: isoDateSchema,
  /** notStarted + draft + returned + submitted + approved = total; overdue cuts across them. */
  summary: z.object({
    total: countSchema,
    notStarted: countSchema,
    draft: countSchema,
    returned: countSchema,
    submitted: countSchema,
    approved: countSchema,
    overdue: countSchema,
  }),
  sheets: z.array(roundProgressSheetSchema),
});
export type RoundProgress = z.infer<typeof roundProgressResponseSchema>;

export const REMINDER_MESSAGE_MAX = 500;

export const sendReminderRequestSchema = z.strictObject({
  message: z.string().trim().max(REMINDER_MESSAGE_MAX).optional(),
});

export const sendReminderResponseSchema = z.object({
  sentAt: isoDateTimeSchema,
  /** Everyone the reminder went to: one for a person's or a seal's sheet, the members for a workplace's. */
  recipients: z.array(z.object({ personId: idSchema, name: z.string() })).min(1),
});

/** One statement's answers counted; null counts: too few answered it to show. */
export const meetingItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('agreement4'),
    itemId: idSchema,
    label: localizedTextSchema,
    /** How many answered ①, ②, ③ and ④, in that order. */
    counts: z.tuple([countSchema, countSchema, countSchema, countSchema]).nullable(),
  }),
  z.object({
    kind: z.literal('yes_no_na'),
    itemId: idSchema,
    label: localizedTextSchema,
    counts: z.object({ yes: countSchema, no: countSchema, na: countSchema }).nullable(),
  }),
]);
export type MeetingItem = z.infer<typeof meetingItemSchema>;

/** A round's answers in a unit without names; nothing at all when too few people answered. */
export const meetingSummarySchema = z.discriminatedUnion('shown', [
  z.object({ shown: z.literal(false), minimum: z.number().int().min(1) }),
  z.object({
    shown: z.literal(true),
    minimum: z.number().int().min(1),
    respondents: countSchema,
    sections: z.array(
      z.object({ id: idSchema, title: localizedTextSchema, items: z.array(meetingItemSchema) }),
    ),
  }),
]);
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const meetingSummaryResponseSchema = z.object({
  round: roundQuerySchema,
  templateVersion: z.number().int().min(1),
  summary: meetingSummarySchema,
});

// Reports for auditors: completion, what the answers say, the risk register and the
// evidence of a round. Each is JSON for a screen, or with `format` a file for Excel; every
// answer says when it was made, so a device that keeps it can say how old it is.

export const reportFormats = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof reportFormats)[number];

const reportOutput = {
  /** json for a screen; csv (UTF-8 with a byte-order mark, CRLF lines) or xlsx to download. */
  format: z.enum(reportFormats).default('json'),
  /** The language of a file's headings and labels. */
  lang: z.enum(locales).default('ja'),
};
const reportFiscalYear = z.coerce.number().int().min(1989).max(2200);

/** A fiscal year, optionally narrowed to one template and one period (a round). */
export const completionQuerySchema = z.object({
  fiscalYear: reportFiscalYear,
  templateId: idSchema.optional(),
  period: z.enum(periods).optional(),
  ...reportOutput,
});
export type CompletionQuery = z.infer<typeof completionQuerySchema>;

/** A round (template, fiscal year, period) in a unit and below it, or in the whole city. */
export const reportRoundQuerySchema = z.object({
  templateId: idSchema,
  fiscalYear: reportFiscalYear,
  period: z.enum(periods),
  unitId: idSchema.optional(),
  ...reportOutput,
});
export type ReportRoundQuery = z.infer<typeof reportRoundQuerySchema>;

/** The evidence of a round; a CSV file holds one of its two tables. */
export const evidenceQuerySchema = reportRoundQuerySchema.extend({
  table: z.enum(['sheets', 'events']).default('sheets'),
});

/** The register of a fiscal year; a CSV file holds one of its three tables. */
export const riskRegisterQuerySchema = z.object({
  fiscalYear: reportFiscalYear,
  unitId: idSchema.optional(),
  table: z.enum(['risks', 'deficiencies', 'units']).default('risks'),
  ...reportOutput,
});
export type RiskRegisterQuery = z.infer<typeof riskRegisterQuerySchema>;

const reportRoundSchema = z.object({
  templateId: idSchema,
  fiscalYear: z.number().int(),
  period: z.enum(periods),
  /** Null: the whole city. */
  unitId: idSchema.nullable(),
});
/** Percent with one decimal; null when there is nothing to divide by. */
const reportRateSchema = z.number().min(0).max(100).nullable();

export const completionFiguresSchema = z.object({
  assigned: countSchema,
  draft: countSchema,
  submitted: countSchema,
  returned: countSchema,
  approved: countSchema,
  overdue: countSchema,
  /** Handed in (submitted or approved) of those assigned. */
  completionRate: reportRateSchema,
  /** Approved of those assigned. */
  approvalRate: reportRateSchema,
  /** From the submission that was approved to the sign-off, median in days (one decimal). */
  medianDaysToApproval: z.number().min(0).nullable(),
});

export const completionReportSchema = z.object({
  fiscalYear: z.number().int(),
  templateId: idSchema.nullable(),
  period: z.enum(periods).nullable(),
  generatedAt: isoDateTimeSchema,
  /** The server's day in Japan, against which overdue is decided. */
  today: isoDateSchema,
  city: completionFiguresSchema,
  /** Units with sheets in or below them, parents first; each unit's figures include those below it. */
  units: z.array(
    completionFiguresSchema.extend({ unit: unitSchema, depth: z.number().int().min(0) }),
  ),
});
export type CompletionReport = z.infer<typeof completionReportSchema>;

/** A group's positive rate; null when fewer than the minimum answered (or its hiding needs it). */
const rateCellSchema = z
  .object({ answered: countSchema, rate: z.number().min(0).max(100) })
  .nullable();
const trendCellsSchema = z.object({
  thisYear: rateCellSchema,
  lastYear: rateCellSchema,
  /** In points, from the rates as shown; null when either is hidden. */
  difference: z.number().nullable(),
  /** Fell by dropPoints or more. */
  drop: z.boolean(),
});
const groupCells = <G extends readonly [string, ...string[]]>(groups: G) =>
  z.array(trendCellsSchema.extend({ group: z.enum(groups) }));

export const trendItemSchema = z.object({
  itemId: idSchema,
  /** The statement's place among the template's items, from 1. */
  no: z.number().int().min(1),
  label: localizedTextSchema,
  all: trendCellsSchema,
  breakdowns: z.object({
    ageBand: groupCells(breakdownGroups.ageBand),
    employmentType: groupCells(breakdownGroups.employmentType),
    position: groupCells(breakdownGroups.position),
    role: groupCells(breakdownGroups.role),
  }),
});

export const answerTrendsReportSchema = z.object({
  round: reportRoundSchema,
  lastFiscalYear: z.number().int(),
  templateVersion: z.number().int().min(1),
  generatedAt: isoDateTimeSchema,
  minimumGroup: z.number().int().min(1),
  dropPoints: z.number().positive(),
  /** Handed-in sheets counted. */
  respondents: z.object({ thisYear: countSchema, lastYear: countSchema }),
  items: z.array(trendItemSchema),
});
export type AnswerTrendsReport = z.infer<typeof answerTrendsReportSchema>;

/** A check's answers in a unit; null when fewer than the minimum answered yes or no. */
const noShareCellSchema = z
  .object({
    yes: countSchema,
    no: countSchema,
    na: countSchema,
    noShare: z.number().min(0).max(100),
  })
  .nullable();

export const noSharesReportSchema = z.object({
  round: reportRoundSchema,
  templateVersion: z.number().int().min(1),
  generatedAt: isoDateTimeSchema,
  minimumGroup: z.number().int().min(1),
  /** The unit asked about; null for the city. */
  unit: unitSchema.nullable(),
  /** Its own sheets (own: true) when it has any, then each unit directly below it. */
  columns: z.array(z.object({ unit: unitSchema, own: z.boolean() })),
  items: z.array(
    z.object({
      itemId: idSchema,
      no: z.number().int().min(1),
      label: localizedTextSchema,
      total: noShareCellSchema,
      /** In the order of the columns. */
      units: z.array(noShareCellSchema),
    }),
  ),
});
export type NoSharesReport = z.infer<typeof noSharesReportSchema>;

const registerText = z.string().nullable();
const registerStatus = z.enum(countermeasureStatuses).nullable();
const riskCountsSchema = z.object({
  sheets: countSchema,
  risks: countSchema,
  high: countSchema,
  medium: countSchema,
  low: countSchema,
  /** Countermeasures past their due date and not done. */
  overdue: countSchema,
  deficiencies: countSchema,
  design: countSchema,
  operation: countSchema,
  material: countSchema,
  /** Deficiencies whose response is not done. */
  openDeficiencies: countSchema,
});

export const riskRegisterReportSchema = z.object({
  fiscalYear: z.number().int(),
  unitId: idSchema.nullable(),
  generatedAt: isoDateTimeSchema,
  today: isoDateSchema,
  risks: z.array(
    z.object({
      sheetId: idSchema,
      sheetState: z.enum(sheetStates),
      unitId: idSchema,
      rowId: z.string(),
      process: registerText,
      risk: registerText,
      cause: registerText,
      likelihood: z.number().int().min(1).max(3).nullable(),
      impact: z.number().int().min(1).max(3).nullable(),
      priority: z.enum(['high', 'medium', 'low']).nullable(),
      currentControls: registerText,
      countermeasure: registerText,
      owner: registerText,
      dueDate: registerText,
      status: registerStatus,
      overdue: z.boolean(),
    }),
  ),
  deficiencies: z.array(
    z.object({
      sheetId: idSchema,
      sheetState: z.enum(sheetStates),
      unitId: idSchema,
      rowId: z.string(),
      whatHappened: registerText,
      occurredOn: registerText,
      type: z.enum(deficiencyTypes).nullable(),
      causeAnalysis: registerText,
      response: registerText,
      prevention: registerText,
      status: registerStatus,
    }),
  ),
  /** Units with a risk sheet in or below them, parents first, counts rolled up. */
  units: z.array(
    z.object({ unit: unitSchema, depth: z.number().int().min(0), counts: riskCountsSchema }),
  ),
  /** Everything asked for: the city, or with unitId the unit and below it. */
  total: riskCountsSchema,
});
export type RiskRegisterReport = z.infer<typeof riskRegisterReportSchema>;

export const evidenceEventSchema = z.object({
  seq: z.number().int().min(1),
  type: sheetEventSchema.shape.type,
  actorId: idSchema,
  actorName: z.string().nullable(),
  at: isoDateTimeSchema,
  comment: z.string().nullable(),
  contentHash: z.string().nullable(),
  prevHash: z.string().nullable(),
  hash: z.string().nullable(),
});

export const roundEvidenceSchema = z.object({
  round: reportRoundSchema,
  generatedAt: isoDateTimeSchema,
  generatedBy: z.object({ id: idSchema, name: z.string() }),
  summary: z.object({
    sheets: countSchema,
    approved: countSchema,
    /** Sheets whose whole history chain and sealed content hold. */
    verified: countSchema,
    broken: countSchema,
  }),
  /** The units of the sheets, to name them. */
  units: z.array(unitSchema),
  sheets: z.array(
    z.object({
      sheetId: idSchema,
      unitId: idSchema,
      templateVersion: z.number().int().min(1),
      ownerKind: z.enum(['person', 'seal', 'workplace']),
      /** The person, or the seal; null for a workplace (named by its unit). */
      ownerName: z.string().nullable(),
      state: z.enum(sheetStates),
      /** Every event in order: the submissions, returns and the sign-off with who and when. */
      events: z.array(evidenceEventSchema),
      verification: historyVerificationSchema,
    }),
  ),
});
export type RoundEvidence = z.infer<typeof roundEvidenceSchema>;
