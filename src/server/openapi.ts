// The OpenAPI 3.1 document of the API, generated from the operation list and its zod
// schemas, with who may call each operation taken from the permission table.
import { z } from 'zod';
import { operationList, type Access } from '@/shared/api/operations.ts';
import { errorResponseSchema } from '@/shared/api/schemas.ts';
import { permissionTable } from '@/shared/permissions.ts';
import { roles } from '@/shared/schemas/organisation.ts';

function whoMayCall(access: Access): string {
  switch (access.kind) {
    case 'public':
      return 'anyone, without signing in';
    case 'signed_in':
      return access.scope
        ? `any signed-in person; reaches ${access.scope}`
        : 'any signed-in person';
    case 'capability':
      return `roles: ${roles.filter((r) => permissionTable[r][access.capability]).join(', ')}`;
  }
}

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' });

const errorContent = { 'application/json': { schema: jsonSchema(errorResponseSchema, 'output') } };

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operationList) {
    const signedIn = op.access.kind !== 'public';
    const parameters = [
      ...Object.keys(op.params?.shape ?? {}).map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(op.query?.shape ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: !schema.safeParse(undefined).success,
        schema: jsonSchema(schema as z.ZodType, 'input'),
      })),
    ];
    const file = { schema: { type: 'string', format: 'binary' } };
    const responses: Record<string, unknown> = {
      200: {
        description: op.downloads ? 'Done (a file with format=csv or format=xlsx)' : 'Done',
        content: {
          'application/json': { schema: jsonSchema(op.response, 'output') },
          ...(op.downloads
            ? {
                'text/csv': file,
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': file,
              }
            : {}),
        },
      },
    };
    if (op.body || op.params || op.query)
      responses[400] = { description: 'Invalid request', content: errorContent };
    if (signedIn) {
      responses[401] = { description: 'Not signed in', content: errorContent };
      responses[403] = {
        description: 'Not allowed for this role or out of reach',
        content: errorContent,
      };
    }
    (paths[`/api${op.path}`] ??= {})[op.method] = {
      operationId: op.id,
      summary: op.summary,
      description: `Who may call: ${whoMayCall(op.access)}.`,
      'x-access': op.access,
      ...(signedIn ? { security: [{ session: [] }] } : { security: [] }),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(op.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tenken API',
      version: '1',
      description:
        'Signed-in requests carry the session cookie; every request other than GET also carries the X-CSRF-Token header with the token from GET /api/session.',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'tenken_session' },
      },
    },
    paths,
  };
}
