import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';
import { FUZZ, FUZZ_TIMEOUT } from './settings.ts';
import { hostileText } from './strings.ts';

const NOW = { STATUSMARK_NOW: '2026-11-20T10:00:00Z' };
/** A stack trace's frames: a document's mistake never shows one. */
const STACK = /\n\s+at /;

/** A value a document might hold anywhere, weighted to the times and kinds that broke importers. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  hostileText,
  fc.constantFrom(
    '+275760-09-13T00:00:00Z',
    '-271821-04-20T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '0000-01-01T00:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-10-05 09:00:00',
    '',
    null,
    [],
    {},
    1e308,
    -1,
  ),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every place in a JSON value (object keys, list positions), as the path of keys to it. */
function placesOf(value: Json, path: (string | number)[] = []): (string | number)[][] {
  const children: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : value !== null && typeof value === 'object'
      ? Object.entries(value)
      : [];
  return children.flatMap(([key, child]) => [[...path, key], ...placesOf(child, [...path, key])]);
}

/** A copy of `value` with each place given its new value (a place an earlier change removed is left). */
function withChanges(value: Json, changes: [(string | number)[], unknown][]): Json {
  const copy = structuredClone(value);
  for (const [path, next] of changes) {
    let parent: unknown = copy;
    for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown> | null)?.[key];
    // A copy of the generated value: a later change may write inside it, and fast-check's own value
    // (which it reuses while shrinking) must never be changed, or it may come to hold itself.
    if (parent !== null && typeof parent === 'object')
      (parent as Record<string | number, unknown>)[path.at(-1)!] = structuredClone(next);
  }
  return copy;
}

/** Random values at random places of `base`. */
const changesOf = (base: Json) =>
  fc.array(fc.tuple(fc.constantFrom(...placesOf(base)), anyValue), { minLength: 1, maxLength: 4 });

/** An empty site with one component, to import into. */
function site(): string {
  const content = join(tempDir('fuzz-import'), 'content');
  mkdirSync(content, { recursive: true });
  writeFileSync(
    join(content, 'site.yaml'),
    'name: Beacon\nurl: https://status.beacon.example\ndescription: Beacon status.\n',
  );
  writeFileSync(join(content, 'components.yaml'), '- id: api\n  name: API\n');
  return content;
}

const FIXTURES = 'test/fixtures/import/statuspage';
const read = (file: string) => JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Record<string, Json>;

/** The fixture's three documents as one, with one incident that carries Statusmark's own record. */
function statuspageBase(): Json {
  const incidents = read('incidents.json').incidents as Record<string, Json>[];
  const own = {
    ...structuredClone(incidents[0]!),
    id: 'own001',
    statusmark: {
      severity: 'P2',
      severity_changes: [{ at: '2026-10-05T13:30:00Z', severity: 'P1' }],
      signal_at: '2026-10-05T12:58:00Z',
      detected_at: '2026-10-05T13:00:00Z',
      mitigated_at: '2026-10-05T14:40:00Z',
      precision: { started: 'about' },
      components: [
        {
          id: 'cmp001',
          impact: 'major_outage',
          from: null,
          to: null,
          share: 40,
          share_of: 'requests',
          locations: ['EU'],
          where: 'Frankfurt',
        },
      ],
      updates: [{ stated: true, channel: null }],
    },
  };
  return {
    components: read('components.json').components!,
    incidents: [...incidents, own],
    scheduled_maintenances: read('scheduled-maintenances.json').scheduled_maintenances!,
  };
}

/** The run ended as a user mistake ends: imported, or refused naming the document (or components.yaml) and a field. */
function expectNamedOutcome(result: { code: number | null; err: string; all: string }, named: string[]) {
  expect(result.all).not.toMatch(STACK);
  if (result.code === 0) return;
  expect([1, 2]).toContain(result.code);
  // `document.json: incidents[0].status is …` or `components.yaml:5  [1].name  …`: a file, then a field.
  const lines = result.err.split('\n');
  expect(
    lines.some((line) => named.some((name) => line.startsWith(name) && line.length > name.length + 2)),
    result.err,
  ).toBe(true);
}

describe('import fuzz: any JSON at any field, any front matter', () => {
  test(
    'a Statuspage document is imported, or refused naming the document and the field; never a stack trace',
    async () => {
      const base = statuspageBase();
      const dir = tempDir('fuzz-statuspage');
      const content = site();
      await fc.assert(
        fc.asyncProperty(changesOf(base), async (changes) => {
          const path = join(dir, 'document.json');
          writeFileSync(path, JSON.stringify(withChanges(base, changes)));
          const result = await runCli(['import', 'statuspage', path, '--content', content, '--dry-run'], NOW);
          expectNamedOutcome(result, [path, join(content, 'components.yaml')]);
        }),
        FUZZ,
      );
    },
    FUZZ_TIMEOUT,
  );

  test(
    'a cState issue with any front matter (and a config with any field) is imported, skipped with a note, or refused by name',
    async () => {
      const cstate = join(tempDir('fuzz-cstate'), 'site');
      cpSync('test/fixtures/import/cstate', cstate, { recursive: true });
      const config = readFileSync(join(cstate, 'config.yml'), 'utf8');
      const issue: Json = {
        title: 'Website down',
        date: '2026-10-02 14:00:00',
        resolved: true,
        resolvedWhen: '2026-10-02 15:10:00',
        severity: 'down',
        affected: ['Website', 'API'],
        informational: false,
        section: 'issue',
      };
      const configBase = JSON.parse(JSON.stringify(parse(config))) as Json;
      const content = site();
      await fc.assert(
        fc.asyncProperty(
          changesOf(issue),
          fc.option(changesOf(configBase), { freq: 3 }),
          hostileText,
          fc.boolean(),
          async (issueChanges, configChanges, body, toml) => {
            const data = withChanges(issue, issueChanges);
            writeFileSync(
              join(cstate, 'content', 'issues', 'fuzz.md'),
              toml
                ? `+++\n${Object.entries(data as object)
                    .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
                    .join('\n')}\n+++\n${body}\n`
                : `---\n${stringify(data)}---\n\n*Investigating* - ${body} {{< track "2026-10-02 14:05:00" >}}\n`,
            );
            writeFileSync(
              join(cstate, 'config.yml'),
              configChanges ? stringify(withChanges(configBase, configChanges)) : config,
            );
            const result = await runCli(['import', 'cstate', cstate, '--content', content, '--dry-run'], NOW);
            expectNamedOutcome(result, [join(cstate, 'config.yml'), join(content, 'components.yaml')]);
          },
        ),
        FUZZ,
      );
    },
    FUZZ_TIMEOUT,
  );
});
