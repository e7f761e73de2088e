// Turns schema failures into messages that name the offending field by its path,
// so a person fixing a data file or a request knows exactly where to look.
import type { z } from 'zod';

/** Writes a path as `sections[2].items[0].kind`; the root is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

export interface ValidationProblem {
  path: string;
  message: string;
}

export function describeIssues(error: z.ZodError): ValidationProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** One line per problem: `path: message`. */
export function formatIssues(error: z.ZodError): string {
  return describeIssues(error)
    .map((p) => `${p.path}: ${p.message}`)
    .join('\n');
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: ValidationProblem[] };

/** Parses without throwing; the failure lists every problem with its path. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problems: describeIssues(result.error) };
}
