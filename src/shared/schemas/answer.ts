// What an answer to each kind of item looks like, and the check of an answer against
// its item. The same rules run on the device (before saving) and on the server.
import { z } from 'zod';
import { idSchema, isoDateSchema } from './common.ts';
import { agreementValues, yesNoValues, type Column, type Item } from './template.ts';

export const SHORT_TEXT_MAX = 200;
export const LONG_TEXT_MAX = 4000;

const shortText = z.string().max(SHORT_TEXT_MAX, `must be at most ${SHORT_TEXT_MAX} characters`);
const longText = z.string().max(LONG_TEXT_MAX, `must be at most ${LONG_TEXT_MAX} characters`);

function numberSchema(bounds: {
  min?: number | undefined;
  max?: number | undefined;
  integer: boolean;
}) {
  let schema = z.number({ message: 'must be a number' });
  if (bounds.integer) schema = schema.int('must be a whole number');
  if (bounds.min !== undefined) schema = schema.min(bounds.min, `must be at least ${bounds.min}`);
  if (bounds.max !== undefined) schema = schema.max(bounds.max, `must be at most ${bounds.max}`);
  return schema;
}

function optionIdSchema(options: readonly { id: string }[]) {
  const ids = options.map((o) => o.id);
  return z
    .string()
    .refine((v) => ids.includes(v), { message: `must be one of: ${ids.join(', ')}` });
}

/** A cell of a table row; priority columns are derived and never stored. */
export function cellSchemaFor(column: Column): z.ZodType {
  switch (column.kind) {
    case 'text':
      return shortText;
    case 'long_text':
      return longText;
    case 'number':
      return numberSchema(column);
    case 'date':
      return isoDateSchema;
    case 'choice':
      return optionIdSchema(column.options);
    case 'priority':
      return z.never({ message: 'is derived and cannot be entered' });
  }
}

export const tableRowSchema = z.strictObject({
  id: idSchema,
  cells: z.record(z.string(), z.unknown()),
});
export type TableRow = { id: string; cells: Record<string, unknown> };

function tableValueSchema(item: Extract<Item, { kind: 'table' }>) {
  const columns = new Map(item.columns.map((c) => [c.id, c]));
  return z
    .array(tableRowSchema)
    .max(item.maxRows, `must have at most ${item.maxRows} rows`)
    .superRefine((rows, ctx) => {
      const rowIds = new Set<string>();
      rows.forEach((row, r) => {
        if (rowIds.has(row.id))
          ctx.addIssue({
            code: 'custom',
            path: [r, 'id'],
            message: `duplicate row id "${row.id}"`,
          });
        rowIds.add(row.id);
        for (const [columnId, cell] of Object.entries(row.cells)) {
          const column = columns.get(columnId);
          if (!column) {
            ctx.addIssue({
              code: 'custom',
              path: [r, 'cells', columnId],
              message: 'is not a column of this table',
            });
            continue;
          }
          if (cell === null) continue;
          const result = cellSchemaFor(column).safeParse(cell);
          if (!result.success)
            for (const issue of result.error.issues)
              ctx.addIssue({
                code: 'custom',
                path: [r, 'cells', columnId, ...issue.path],
                message: issue.message,
              });
        }
      });
    });
}

/** The schema of the `value` of an answer to this item. */
export function answerValueSchemaFor(item: Item): z.ZodType {
  switch (item.kind) {
    case 'yes_no_na':
      return z.enum(yesNoValues);
    case 'agreement4':
      return z.union(
        agreementValues.map((v) => z.literal(v)),
        { message: 'must be 1, 2, 3 or 4' },
      );
    case 'single_choice':
      return optionIdSchema(item.options);
    case 'multi_choice':
      return z
        .array(optionIdSchema(item.options))
        .refine((v) => new Set(v).size === v.length, 'must not repeat an option');
    case 'number':
      return numberSchema(item);
    case 'date':
      return isoDateSchema;
    case 'text':
      return shortText;
    case 'long_text':
      return longText;
    case 'table':
      return tableValueSchema(item);
  }
}

/** An answer as stored: the value, plus the comment or corrective action a follow-up asks for. */
export const answerSchema = z.strictObject({
  value: z.unknown(),
  comment: longText.optional(),
  action: longText.optional(),
});
export type Answer = { value: unknown; comment?: string; action?: string };

export function answerSchemaFor(item: Item) {
  return answerSchema.extend({ value: answerValueSchemaFor(item) });
}
