// Reads the data files in seeds/ and checks each against its schema. A broken file is
// refused with a message that names the file and the path of each problem inside it.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { templateSchema, type Template } from '@/shared/schemas/template.ts';
import { formatIssues } from '@/shared/validation.ts';
import { demoCityConfigSchema, type DemoCityConfig } from './demo-city.ts';

export const defaultSeedsDir = fileURLToPath(new URL('../../../seeds/', import.meta.url));

export class SeedError extends Error {
  override name = 'SeedError';
}

export async function readSeedFile<T>(
  file: string,
  schema: z.ZodType<T>,
  seedsDir: string,
): Promise<T> {
  const shown = relative(join(seedsDir, '..'), file);
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new SeedError(`${shown}: not readable JSON (${(error as Error).message})`);
  }
  const result = schema.safeParse(data);
  if (!result.success) throw new SeedError(`${shown} is invalid:\n${formatIssues(result.error)}`);
  return result.data;
}

export interface Seeds {
  templates: Template[];
  demoCity: DemoCityConfig;
}

export async function loadSeeds(seedsDir = defaultSeedsDir): Promise<Seeds> {
  const templateDir = join(seedsDir, 'templates');
  const files = (await readdir(templateDir)).filter((f) => f.endsWith('.json')).sort();
  const templates = await Promise.all(
    files.map((f) => readSeedFile(join(templateDir, f), templateSchema, seedsDir)),
  );
  const seen = new Map<string, string>();
  templates.forEach((t, i) => {
    const key = `${t.id}@${t.version}`;
    const other = seen.get(key);
    if (other)
      throw new SeedError(
        `templates/${files[i]}: template ${key} is also defined in templates/${other}`,
      );
    seen.set(key, files[i] ?? '');
  });
  const demoCity = await readSeedFile(
    join(seedsDir, 'demo-city.json'),
    demoCityConfigSchema,
    seedsDir,
  );
  return { templates, demoCity };
}
