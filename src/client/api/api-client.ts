// Requests to the server's /api, with every answer checked against the shared schemas.
import { z } from 'zod';
import { templateSchema, type Template } from '@/shared/schemas/template.ts';

const templatesResponse = z.object({ templates: z.array(templateSchema) });

export async function fetchTemplates(): Promise<Template[]> {
  const response = await fetch('/api/templates', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`server answered ${response.status}`);
  return templatesResponse.parse(await response.json()).templates;
}
