// The changes a device makes, as named mutations. Each is written to the device's outbox
// in the same transaction as its local effect, and applied once by the server, which
// validates it with these schemas and decides it with the shared rules.
import { z } from 'zod';
import { answerSchema, tableRowSchema } from '../schemas/answer.ts';
import { idSchema } from '../schemas/common.ts';

/** Raised when the mutation format changes; older devices are asked to update first. */
export const SYNC_SCHEMA_VERSION = 1;
/** The oldest device format the server still accepts. */
export const MIN_SYNC_SCHEMA_VERSION = 1;

const item = { sheetId: idSchema, itemId: idSchema };
/** The version of the answer the device last had from the server (0: none). */
const baseVersion = z.number().int().min(0);
const expectedRevision = z.number().int().min(0);

export const mutationArgsSchemas = {
  setAnswer: z.strictObject({ ...item, answer: answerSchema, baseVersion }),
  clearAnswer: z.strictObject({ ...item, baseVersion }),
  addRow: z.strictObject({
    ...item,
    row: tableRowSchema,
    /** Where the row goes; the end when omitted or past the end. */
    index: z.number().int().min(0).optional(),
  }),
  updateRow: z.strictObject({
    ...item,
    rowId: idSchema,
    /** Only the cells named change; null empties a cell. */
    cells: z.record(z.string(), z.unknown()),
  }),
  removeRow: z.strictObject({ ...item, rowId: idSchema }),
  moveRow: z.strictObject({ ...item, rowId: idSchema, toIndex: z.number().int().min(0) }),
  submitSheet: z.strictObject({ sheetId: idSchema, expectedRevision }),
  approveSheet: z.strictObject({ sheetId: idSchema, expectedRevision }),
  returnSheet: z.strictObject({
    sheetId: idSchema,
    expectedRevision,
    comment: z.string().trim().min(1, 'a comment is required').max(4000),
  }),
} as const;

export type MutationName = keyof typeof mutationArgsSchemas;
export const mutationNames = Object.keys(mutationArgsSchemas) as MutationName[];

export type MutationArgs<N extends MutationName> = z.infer<(typeof mutationArgsSchemas)[N]>;

/** A mutation as the device names it; the server checks `args` against the name's schema. */
export type Mutation = {
  [N in MutationName]: {
    seq: number;
    name: N;
    args: MutationArgs<N>;
    schemaVersion: number;
    /** The device's clock when the person made the change: shown, never used to order. */
    madeAt: string;
  };
}[MutationName];

/** The envelope only: a bad `args` is a recorded rejection, not a refused batch. */
export const mutationEnvelopeSchema = z.strictObject({
  seq: z.number().int().min(1),
  name: z.string().max(50),
  args: z.unknown(),
  schemaVersion: z.number().int().min(1),
  madeAt: z.string().max(40),
});

export const rejectionCodes = [
  'invalid', // the arguments do not fit the mutation
  'unknown_mutation',
  'not_found', // no such sheet, item or row
  'forbidden', // out of the person's reach
  'not_editable', // the sheet has been submitted or approved
  'invalid_answer', // the value does not fit the item
  'stale_revision', // the sheet changed since the person looked at it
  'incomplete', // required answers or follow-ups are missing
  'invalid_state',
  'comment_required',
  'not_permitted',
  'no_approver',
] as const;
export type RejectionCode = (typeof rejectionCodes)[number];
