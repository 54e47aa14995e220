import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { renderEditorSchemas } from '../../scripts/editor-schemas.ts';

const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
  .scripts;

describe('editor JSON Schemas', () => {
  test('are up to date with the Zod schemas (run npm run schemas)', () => {
    for (const [file, text] of renderEditorSchemas()) {
      expect(readFileSync(join('schemas', file), 'utf8'), file).toBe(text);
    }
  });

  test('know the fields and enums an author types', () => {
    const incident = JSON.parse(readFileSync('schemas/incident.schema.json', 'utf8')) as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { enum?: string[] }>;
    };
    expect(incident.required).toEqual(
      expect.arrayContaining(['title', 'severity', 'started', 'components', 'updates']),
    );
    expect(incident.additionalProperties).toBe(false);
    expect(incident.properties.detection?.enum).toEqual([
      'alert',
      'synthetic',
      'customer',
      'internal',
      'other',
    ]);
  });

  test('are wired into VS Code for site.yaml and components.yaml', () => {
    const settings = JSON.parse(readFileSync('.vscode/settings.json', 'utf8')) as {
      'yaml.schemas': Record<string, string>;
    };
    for (const schema of Object.keys(settings['yaml.schemas'])) expect(existsSync(schema), schema).toBe(true);
  });
});

describe('GitHub workflows', () => {
  const workflows = readdirSync('.github/workflows').map((f) => join('.github/workflows', f));

  test.each(workflows)('%s is valid YAML whose npm steps name scripts that exist', (file) => {
    const workflow = parse(readFileSync(file, 'utf8')) as {
      on: unknown;
      jobs: Record<string, { steps?: { run?: string; uses?: string }[] }>;
    };
    expect(workflow.on).toBeDefined();
    const runs = Object.values(workflow.jobs)
      .flatMap((job) => job.steps ?? [])
      .flatMap((step) => (step.run ? [step.run] : []));
    for (const run of runs) {
      for (const [, name] of run.matchAll(/npm run ([\w:-]+)/g))
        expect(scripts[name!], `${file}: npm run ${name}`).toBeDefined();
      if (/\bnpm test\b/.test(run)) expect(scripts.test).toBeDefined();
    }
  });

  test.each(workflows)('%s passes the GitHub Actions workflow validator', (file) => {
    expect(validateWorkflow(readFileSync(file, 'utf8')).errors).toEqual([]);
  });

  test('main is deployed on push and rebuilt every 15 minutes', () => {
    const deploy = parse(readFileSync('.github/workflows/deploy.yml', 'utf8')) as {
      on: { push: { branches: string[] }; schedule: { cron: string }[] };
    };
    expect(deploy.on.push.branches).toEqual(['main']);
    expect(deploy.on.schedule).toEqual([{ cron: '*/15 * * * *' }]);
  });

  test('pull requests get annotations and the built site as an artifact', () => {
    const text = readFileSync('.github/workflows/pull-request.yml', 'utf8');
    expect(text).toContain('npm run check -- --format github');
    expect(text).toContain('actions/upload-artifact');
  });

  describe('release.yml', () => {
    type Step = {
      name?: string;
      run?: string;
      uses?: string;
      with?: Record<string, unknown>;
      env?: Record<string, string>;
    };
    const release = parse(readFileSync('.github/workflows/release.yml', 'utf8')) as {
      on: { push: { tags: string[] } };
      permissions: Record<string, string>;
      jobs: { publish: { steps: Step[] } };
    };
    const steps = release.jobs.publish.steps;
    const index = (match: (step: Step) => boolean) => steps.findIndex(match);

    test('publishes from a version tag, with provenance, on Node 24 and the npm registry, after the tests', () => {
      expect(release.on).toEqual({ push: { tags: ['v*'] } });
      expect(release.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
      const setup = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
      expect(setup?.with).toMatchObject({ 'node-version': 24, 'registry-url': 'https://registry.npmjs.org' });
      const publish = index((s) => s.run === 'npm publish --provenance --access public');
      expect(publish).toBeGreaterThan(0);
      expect(steps[publish]!.env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
      expect(index((s) => s.run === 'npm test')).toBeLessThan(publish);
      expect(index((s) => s.name === "The tag is package.json's version")).toBeLessThan(publish);
    });

    test("stops unless the tag is package.json's version with a v in front", () => {
      const check = steps.find((s) => s.name === "The tag is package.json's version")!;
      const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
      const run = (tag: string) =>
        spawnSync('bash', ['-e', '-c', check.run!], { env: { ...process.env, TAG: tag }, encoding: 'utf8' });
      expect(run(`v${version}`).status).toBe(0);
      const wrong = run('v0.0.1');
      expect(wrong.status).toBe(1);
      expect(wrong.stdout).toContain(`The tag v0.0.1 is not package.json's version (v${version})`);
    });
  });
});
