// Sheet templates: versioned, in sections of typed items, with required items and
// follow-up rules. Templates are data (seeds/templates/*.json) checked by these schemas.
import { z } from 'zod';
import { idSchema, localizedTextSchema } from './common.ts';

export const templateKinds = ['ethics', 'documents', 'seal', 'risk'] as const;
export type TemplateKind = (typeof templateKinds)[number];

/** Who a sheet of the template belongs to: each person, each official seal, or a workplace. */
export const assignmentKinds = ['person', 'seal', 'workplace'] as const;
export type AssignmentKind = (typeof assignmentKinds)[number];

/** ①そう思う ②まあそう思う ③あまりそう思わない ④そう思わない: 1 and 2 count as positive. */
export const agreementValues = [1, 2, 3, 4] as const;
export type AgreementValue = (typeof agreementValues)[number];

export const yesNoValues = ['yes', 'no', 'na'] as const;
export type YesNoValue = (typeof yesNoValues)[number];

const optionSchema = z.strictObject({ id: idSchema, label: localizedTextSchema });
export type ChoiceOption = z.infer<typeof optionSchema>;

const uniqueOptions = z
  .array(optionSchema)
  .min(2, 'a choice needs at least two options')
  .superRefine((options, ctx) => {
    const seen = new Set<string>();
    options.forEach((o, i) => {
      if (seen.has(o.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate option id "${o.id}"` });
      seen.add(o.id);
    });
  });

const numberBounds = {
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().default(false),
  unit: localizedTextSchema.optional(),
};

// Columns of a repeatable table (risks, deficiencies, seals).
const columnBase = {
  id: idSchema,
  label: localizedTextSchema,
  required: z.boolean().default(false),
};
export const columnSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...columnBase, kind: z.literal('text') }),
  z.strictObject({ ...columnBase, kind: z.literal('long_text') }),
  z.strictObject({ ...columnBase, kind: z.literal('number'), ...numberBounds }),
  z.strictObject({ ...columnBase, kind: z.literal('date') }),
  z.strictObject({ ...columnBase, kind: z.literal('choice'), options: uniqueOptions }),
  /** Derived, never typed: likelihood × impact → high / medium / low (see risk-priority.ts). */
  z.strictObject({
    ...columnBase,
    kind: z.literal('priority'),
    from: z.tuple([idSchema, idSchema]),
  }),
]);
export type Column = z.infer<typeof columnSchema>;

/** What a given answer must come with: a comment, or a corrective action. */
export const followUpSchema = z.strictObject({
  when: z
    .array(z.union([z.enum(yesNoValues), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]))
    .min(1),
  require: z.enum(['comment', 'action']),
  prompt: localizedTextSchema,
});
export type FollowUp = z.infer<typeof followUpSchema>;

const itemBase = {
  id: idSchema,
  label: localizedTextSchema,
  help: localizedTextSchema.optional(),
  required: z.boolean().default(true),
};
export const itemSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...itemBase,
    kind: z.literal('yes_no_na'),
    followUp: followUpSchema.optional(),
  }),
  z.strictObject({
    ...itemBase,
    kind: z.literal('agreement4'),
    followUp: followUpSchema.optional(),
  }),
  z.strictObject({ ...itemBase, kind: z.literal('single_choice'), options: uniqueOptions }),
  z.strictObject({ ...itemBase, kind: z.literal('multi_choice'), options: uniqueOptions }),
  z.strictObject({ ...itemBase, kind: z.literal('number'), ...numberBounds }),
  z.strictObject({ ...itemBase, kind: z.literal('date') }),
  z.strictObject({ ...itemBase, kind: z.literal('text') }),
  z.strictObject({ ...itemBase, kind: z.literal('long_text') }),
  z.strictObject({
    ...itemBase,
    kind: z.literal('table'),
    columns: z.array(columnSchema).min(1, 'a table needs at least one column'),
    minRows: z.number().int().min(0).default(0),
    maxRows: z.number().int().min(1).max(500).default(200),
  }),
]);
export type Item = z.infer<typeof itemSchema>;
export type ItemKind = Item['kind'];
export type TableItem = Extract<Item, { kind: 'table' }>;

export const sectionSchema = z.strictObject({
  id: idSchema,
  title: localizedTextSchema,
  items: z.array(itemSchema).min(1, 'a section needs at least one item'),
});
export type Section = z.infer<typeof sectionSchema>;

export const templateSchema = z
  .strictObject({
    id: idSchema,
    version: z.number().int().min(1),
    kind: z.enum(templateKinds),
    assignment: z.enum(assignmentKinds),
    title: localizedTextSchema,
    description: localizedTextSchema,
    sections: z.array(sectionSchema).min(1, 'a template needs at least one section'),
  })
  .superRefine((template, ctx) => {
    const sectionIds = new Set<string>();
    const itemIds = new Set<string>();
    template.sections.forEach((section, s) => {
      if (sectionIds.has(section.id))
        ctx.addIssue({
          code: 'custom',
          path: ['sections', s, 'id'],
          message: `duplicate section id "${section.id}"`,
        });
      sectionIds.add(section.id);
      section.items.forEach((item, i) => {
        const at = ['sections', s, 'items', i];
        if (itemIds.has(item.id))
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'id'],
            message: `duplicate item id "${item.id}"`,
          });
        itemIds.add(item.id);
        for (const problem of itemProblems(item))
          ctx.addIssue({ ...problem, path: [...at, ...problem.path] });
      });
    });
  });
export type Template = z.infer<typeof templateSchema>;

interface Problem {
  code: 'custom';
  path: (string | number)[];
  message: string;
}

/** Rules inside one item that the shape alone cannot say. */
function itemProblems(item: Item): Problem[] {
  const problems: Problem[] = [];
  const add = (path: (string | number)[], message: string) =>
    problems.push({ code: 'custom', path, message });
  if ('min' in item && item.min !== undefined && item.max !== undefined && item.min > item.max)
    add(['max'], 'must not be less than min');
  if ((item.kind === 'yes_no_na' || item.kind === 'agreement4') && item.followUp) {
    const allowed: readonly unknown[] = item.kind === 'yes_no_na' ? yesNoValues : agreementValues;
    item.followUp.when.forEach((value, w) => {
      if (!allowed.includes(value))
        add(['followUp', 'when', w], `"${String(value)}" is not an answer of a ${item.kind} item`);
    });
  }
  if (item.kind === 'table') {
    if (item.minRows > item.maxRows) add(['maxRows'], 'must not be less than minRows');
    const columns = new Map<string, Column>();
    item.columns.forEach((column, c) => {
      if (columns.has(column.id)) add(['columns', c, 'id'], `duplicate column id "${column.id}"`);
      if (
        column.kind === 'number' &&
        column.min !== undefined &&
        column.max !== undefined &&
        column.min > column.max
      )
        add(['columns', c, 'max'], 'must not be less than min');
      columns.set(column.id, column);
    });
    item.columns.forEach((column, c) => {
      if (column.kind !== 'priority') return;
      column.from.forEach((ref, f) => {
        const source = columns.get(ref);
        if (
          !source ||
          source.kind !== 'number' ||
          source.min !== 1 ||
          source.max !== 3 ||
          !source.integer
        )
          add(['columns', c, 'from', f], `"${ref}" must be a whole-number column from 1 to 3`);
      });
    });
  }
  return problems;
}

/** Every item of a template in reading order. */
export function templateItems(template: Template): Item[] {
  return template.sections.flatMap((s) => s.items);
}
