/**
 * JSON Schemas of the content files for editors (VS Code's YAML extension reads them through
 * .vscode/settings.json), generated from the Zod schemas so they can never disagree on field names or
 * enums. `npm run schemas` writes them; a test fails when the committed ones are out of date.
 * Cross-field rules (order of times, ids that must exist) are only in `npm run check`.
 */
import { z } from 'astro/zod';
import { componentsSchema } from '../src/schemas/component.ts';
import { incidentFileSchema } from '../src/schemas/incident.ts';
import { createMaintenanceSchema } from '../src/schemas/maintenance.ts';
import { createPostmortemSchema } from '../src/schemas/postmortem.ts';
import { siteSchema } from '../src/schemas/site.ts';
import { createTemplateSchema } from '../src/schemas/incident-template.ts';

const context = { now: 0, componentIds: new Set<string>(), severityIds: new Set<string>() };

export const EDITOR_SCHEMAS: Record<string, { title: string; schema: z.ZodType }> = {
  'site.schema.json': { title: 'Statusmark content/site.yaml', schema: siteSchema },
  'components.schema.json': { title: 'Statusmark content/components.yaml', schema: componentsSchema },
  'incident.schema.json': {
    title: 'Statusmark incident front matter',
    // The fields as written (inexact times such as "about …" are strings too).
    schema: incidentFileSchema,
  },
  'maintenance.schema.json': {
    title: 'Statusmark maintenance front matter',
    schema: createMaintenanceSchema(context),
  },
  'postmortem.schema.json': {
    title: 'Statusmark postmortem front matter',
    schema: createPostmortemSchema(context),
  },
  'template.schema.json': {
    title: 'Statusmark incident template front matter',
    schema: createTemplateSchema(context),
  },
};

/** The text of each schema file, as committed under schemas/. */
export function renderEditorSchemas(): Map<string, string> {
  return new Map(
    Object.entries(EDITOR_SCHEMAS).map(([file, { title, schema }]) => {
      // "input": what authors write (times as text), not what the site computes from it.
      const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
      return [file, `${JSON.stringify({ title, ...json }, null, 2)}\n`];
    }),
  );
}

if (process.argv[1]?.endsWith('editor-schemas.ts')) {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync('schemas', { recursive: true });
  for (const [file, text] of renderEditorSchemas()) writeFileSync(`schemas/${file}`, text);
  console.log(`Wrote ${EDITOR_SCHEMAS ? Object.keys(EDITOR_SCHEMAS).length : 0} schemas to schemas/.`);
}
