import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { CommandError, UsageError } from '../../src/cli/errors.ts';
import { readSource } from '../../src/import/statuspage-source.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

/** What an import must never print: a key from a file it should not have read. */
const SECRET = 'AKIAIOSFODNN7EXAMPLE';
const NOW = { STATUSMARK_NOW: '2026-11-20T10:00:00Z' };
/** A stack trace's frames, which a user mistake never shows. */
const STACK = /\n\s+at /;

function emptySite(): string {
  const content = join(tempDir('import-safety'), 'content');
  mkdirSync(content, { recursive: true });
  writeFileSync(
    join(content, 'site.yaml'),
    'name: Beacon\nurl: https://status.beacon.example\ndescription: Beacon status.\n',
  );
  return content;
}

/** A copy of the cState fixture site, to add links, pipes and mistakes to. */
function cstateSite(): string {
  const site = join(tempDir('cstate-safety'), 'site');
  cpSync('test/fixtures/import/cstate', site, { recursive: true });
  return site;
}

/** A file outside the site, as an AWS credentials file is. */
function secretFile(): string {
  const path = join(tempDir('elsewhere'), 'credentials');
  writeFileSync(path, `[default]\naws_access_key_id = ${SECRET}\naws_secret_access_key = wJalrXUtnFEMI\n`);
  return path;
}

const importCstate = (site: string, content = emptySite()) =>
  runCli(['import', 'cstate', site, '--content', content], NOW);

describe('statusmark import cstate reads only the site folder, and prints no file', () => {
  test('a linked issue file is refused, named; nothing is imported and the linked text is not printed', async () => {
    const site = cstateSite();
    const secret = secretFile();
    writeFileSync(secret, `---\ntitle: Linked\ndate: 2026-10-01 10:00:00\n---\n${SECRET}\n`);
    symlinkSync(secret, join(site, 'content', 'issues', 'linked.md'));
    const content = emptySite();
    const result = await importCstate(site, content);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      `${join(site, 'content', 'issues', 'linked.md')}: is a symbolic link; statusmark imports only what is inside the cState site's folder.`,
    );
    expect(result.all).not.toContain(SECRET);
    expect(result.all).not.toMatch(STACK);
    expect(readdirSync(content)).toEqual(['site.yaml']);
  });

  test('a linked folder (content/issues) and a linked config are refused; the config is never parsed or quoted', async () => {
    const site = cstateSite();
    const elsewhere = tempDir('elsewhere-issues');
    cpSync(join(site, 'content', 'issues'), elsewhere, { recursive: true });
    rmSync(join(site, 'content', 'issues'), { recursive: true });
    symlinkSync(elsewhere, join(site, 'content', 'issues'));
    const folder = await importCstate(site);
    expect(folder.code).toBe(1);
    expect(folder.err).toContain(`${join(site, 'content', 'issues')}: is a symbolic link`);

    const linked = cstateSite();
    rmSync(join(linked, 'config.yml'));
    symlinkSync(secretFile(), join(linked, 'config.yml'));
    const config = await importCstate(linked);
    expect(config.code).toBe(1);
    expect(config.err).toContain(`${join(linked, 'config.yml')}: is a symbolic link`);
    expect(config.all).not.toContain(SECRET);
  });

  test('a config or front matter that does not parse is named by file and line, never quoted', async () => {
    const site = cstateSite();
    writeFileSync(
      join(site, 'config.yml'),
      `title: Example\nparams:\n  systems: [unclosed\nkey: ${SECRET}\n`,
    );
    const config = await importCstate(site);
    expect(config.code).toBe(1);
    expect(config.err).toMatch(
      new RegExp(
        `^${join(site, 'config.yml')}: is not valid YAML at line \\d+, column \\d+ \\(.+\\); expected a Hugo config\\.`,
      ),
    );
    expect(config.all).not.toContain(SECRET);
    expect(config.all).not.toMatch(STACK);

    const toml = cstateSite();
    rmSync(join(toml, 'config.yml'));
    writeFileSync(join(toml, 'config.toml'), `title = "Example"\nkey = ${SECRET}\n`);
    const tomlResult = await importCstate(toml);
    expect(tomlResult.err).toContain(`${join(toml, 'config.toml')}: is not valid TOML at line 2, column 7`);
    expect(tomlResult.all).not.toContain(SECRET);

    const issue = cstateSite();
    writeFileSync(
      join(issue, 'content', 'issues', 'broken.md'),
      `---\ntitle: Broken\nkey: [${SECRET}\n---\nText.\n`,
    );
    const skipped = await importCstate(issue);
    expect(skipped.code, skipped.all).toBe(0);
    expect(skipped.out).toMatch(
      /content\/issues\/broken\.md: its front matter does not parse: it is not valid YAML at line [34], column \d+ \(.+\); skipped/,
    );
    expect(skipped.all).not.toContain(SECRET);
  });

  test('a config field of the wrong kind is named by its path, with what was expected', async () => {
    const site = cstateSite();
    writeFileSync(
      join(site, 'config.yml'),
      'title: Example\ntimeZone: 3\nparams:\n  systems:\n    - name: Website\n    - description: No name\n  categories: Core\n',
    );
    const result = await importCstate(site);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      `${join(site, 'config.yml')}: timeZone is a number; expected a text; params.systems[1].name is missing; expected a text; params.categories is a text; expected a list. Nothing was imported; correct the config and import again.`,
    );
    expect(result.all).not.toMatch(STACK);
  });

  test('an issue date with an extended year, or affected systems that are no names, are reported, not a crash', async () => {
    const site = cstateSite();
    writeFileSync(
      join(site, 'content', 'issues', 'far.md'),
      '---\ntitle: Far away\ndate: +275760-09-13T00:00:00Z\n---\n',
    );
    writeFileSync(
      join(site, 'content', 'issues', 'odd.md'),
      '---\ntitle: Odd systems\ndate: 2026-10-20 10:00:00\nresolved: true\nresolvedWhen: 2026-10-20 11:00:00\naffected:\n  - Website\n  - {name: API}\n---\n',
    );
    const result = await importCstate(site);
    expect(result.code, result.all).toBe(0);
    expect(result.out).toContain(
      'content/issues/far.md: its date is not a time with a four-digit year; expected one such as "2026-10-02 14:00:00"; skipped',
    );
    expect(result.out).toContain(
      `content/issues/odd.md: affected[1] is not a system's name; expected a text such as "Website"; left out`,
    );
    expect(result.out).toContain('4 incidents');
  });
});

describe.skipIf(process.platform === 'win32')('statusmark import cstate skips what is not a file', () => {
  test('a named pipe and a folder among the issues are skipped and reported; the import does not wait on them', async () => {
    const site = cstateSite();
    execFileSync('mkfifo', [join(site, 'content', 'issues', 'pipe.md')]);
    mkdirSync(join(site, 'content', 'issues', 'folder.md'));
    const content = emptySite();
    // Were the import to wait on the pipe, a writer opens it after a while and the test fails instead of hanging.
    const writer = spawn('sh', ['-c', 'sleep 20; : > "$0"', join(site, 'content', 'issues', 'pipe.md')], {
      detached: true,
      stdio: 'ignore',
    });
    const started = Date.now();
    let result: CliResult;
    try {
      result = await importCstate(site, content);
    } finally {
      process.kill(-writer.pid!);
    }
    expect(Date.now() - started, 'the import waited on the named pipe').toBeLessThan(15_000);
    expect(result.code, result.all).toBe(0);
    expect(result.out).toContain('content/issues/pipe.md: is a named pipe, not a file; skipped');
    expect(result.out).toContain('content/issues/folder.md: is a folder, not a file; skipped');
    expect(result.out).toContain('Imported 3 components, 3 incidents (7 updates), 1 maintenance windows');
  });
});

describe('statusmark import statuspage names the field of the wrong kind', () => {
  const write = (name: string, value: unknown) => {
    const path = join(tempDir('statuspage-types'), name);
    writeFileSync(path, JSON.stringify(value));
    return path;
  };

  test('wrong JSON types and an extended-year date: document, JSON path and what was expected; nothing imported', async () => {
    const incidents = write('incidents.json', {
      incidents: [
        {
          id: 'inc1',
          name: 'API errors',
          status: 5,
          created_at: '+275760-09-13T00:00:00Z',
          incident_updates: [
            { status: 'resolved', created_at: '2026-10-01T10:00:00Z', affected_components: {} },
          ],
          components: 'API',
        },
        { id: 7, name: 'Numbered' },
      ],
      scheduled_maintenances: { id: 'm1' },
    });
    const one = write('incident.json', { id: 'inc2', name: 'One', incident_updates: [null] });
    const content = emptySite();
    const result = await runCli(['import', 'statuspage', incidents, one, '--content', content], NOW);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      [
        'Nothing was imported: these fields do not hold what Statuspage writes there.',
        `${incidents}: incidents[0].status is a number; expected a text`,
        `${incidents}: incidents[0].created_at is a text that is not such a time; expected an ISO 8601 time with a four-digit year, such as "2026-10-05T13:00:00Z"`,
        `${incidents}: incidents[0].incident_updates[0].affected_components is an object; expected a list`,
        `${incidents}: incidents[0].components is a text; expected a list`,
        `${incidents}: incidents[1].id is a number; expected a text`,
        `${incidents}: scheduled_maintenances is an object; expected a list`,
        `${one}: incident_updates[0] is null; expected an object`,
        'Correct them (or leave them out) and import again.',
        '',
      ].join('\n'),
    );
    expect(readdirSync(content)).toEqual(['site.yaml']);
  });

  test('times at the edge of what Statusmark holds: the record is reported and left out, not a crash', async () => {
    // Every time of this incident is the latest Statusmark can hold: its resolution, a second later, is not.
    const late = write('late.json', [
      {
        id: 'late',
        name: 'Late',
        status: 'resolved',
        created_at: '9999-12-31T23:59:59Z',
        resolved_at: '9999-12-31T23:59:59Z',
        incident_updates: [{ status: 'investigating', created_at: '9999-12-31T23:59:59Z' }],
      },
    ]);
    const content = emptySite();
    writeFileSync(join(content, 'components.yaml'), '- id: api\n  name: API\n');
    const result = await runCli(['import', 'statuspage', late, '--content', content, '--dry-run'], NOW);
    expect(result.all).not.toMatch(STACK);
    expect(result.code, result.all).toBe(0);
    expect(result.out).toContain('skipped incident late:');
  });

  test('a source that is a folder is a usage error; JSON that does not parse is named by line, not quoted', async () => {
    const folder = tempDir('not-a-file');
    const result = await runCli(['import', 'statuspage', folder, '--content', emptySite()], NOW);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`${folder}: is not a file; give a saved Statuspage JSON document`);
    const broken = join(tempDir('broken-json'), 'incidents.json');
    writeFileSync(broken, `{\n  "incidents": []\n  "key": "${SECRET}"\n}`);
    const parsed = await runCli(['import', 'statuspage', broken, '--content', emptySite()], NOW);
    expect(parsed.code).toBe(1);
    expect(parsed.err).toContain(
      `${broken}: is not JSON (line 3, column 3: expected ',' or '}' after property value)`,
    );
    const secret = secretFile();
    const quoted = await runCli(['import', 'statuspage', secret, '--content', emptySite()], NOW);
    expect(quoted.err).toContain(`${secret}: is not JSON (an unexpected character)`);
    expect(quoted.all).not.toContain(SECRET);
  });
});

describe('statusmark import statuspage <url> reads no more than its limit', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  /** A server on 127.0.0.1 that sends up to `total` bytes in 16 kB pieces, counting what it sent until the client left. */
  async function streaming(total: number, headers: Record<string, string> = {}) {
    const sent = { bytes: 0, closed: Promise.resolve() };
    let closed!: () => void;
    sent.closed = new Promise<void>((done) => (closed = done));
    server = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', ...headers });
      const piece = Buffer.alloc(16_384, ' ');
      const send = () => {
        while (sent.bytes < total && !response.destroyed) {
          sent.bytes += piece.length;
          if (!response.write(piece)) return void response.once('drain', send);
        }
        response.end();
      };
      response.on('close', closed);
      send();
    });
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/incidents.json`, sent };
  }

  test('a response that streams past the limit is stopped there', async () => {
    const { url, sent } = await streaming(200_000_000);
    const read = readSource(url, 100_000);
    await expect(read).rejects.toThrow(CommandError);
    await expect(read).rejects.toThrow(
      `${url}: is more than the 0.1 MB read; is it a Statuspage API document?`,
    );
    await sent.closed;
    // What the sockets' buffers hold besides: far from the 200 MB the server would send.
    expect(sent.bytes).toBeLessThan(20_000_000);
  });

  test('a Content-Length past the limit is refused before the body is read', async () => {
    const { url, sent } = await streaming(200_000_000, { 'Content-Length': '200000000' });
    await expect(readSource(url, 100_000)).rejects.toThrow(`${url}: is 200 MB, more than the 0.1 MB read`);
    await sent.closed;
    expect(sent.bytes).toBeLessThan(20_000_000);
  });

  test('a document within the limit is read whole', async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ incidents: [] }));
    });
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/incidents.json`;
    await expect(readSource(url, 100_000)).resolves.toEqual({ incidents: [] });
    await expect(readSource('http://status.example.com/x.json')).rejects.toThrow(UsageError);
  });
});

describe('statusmark import cstate refuses a file larger than a content file may be', () => {
  test('a 600 MB issue is named, with its size, and nothing is read or imported', async () => {
    const site = cstateSite();
    // Sparse: the size is there, the data is not, so the test writes nothing.
    const big = join(site, 'content', 'issues', 'big.md');
    writeFileSync(big, '');
    truncateSync(big, 600_000_000);
    const content = emptySite();
    const result = await importCstate(site, content);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      `${big}: is 600.0 MB; a file imported may be at most 1 MB, as a content file may.`,
    );
    expect(result.all).not.toMatch(STACK);
    expect(readdirSync(content)).toEqual(['site.yaml']);
  });
});

describe('statusmark import stops on a components.yaml that is not a list of components', () => {
  test.each([
    ['a mapping', 'api:\n  name: x\n', ':1: is a mapping, not a list'],
    ['broken YAML', '- id: api\n  name: API\n- [unclosed\n', ':3: is not valid YAML'],
    ['values, not components', '- id: api\n  name: API\n- 5\n- null\n', ':3: is not a component with an id'],
  ])('%s: the file, the line and what is expected, with no stack trace', async (_kind, yaml, said) => {
    const content = emptySite();
    writeFileSync(join(content, 'components.yaml'), yaml);
    const result = await importCstate(cstateSite(), content);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${join(content, 'components.yaml')}${said}`);
    expect(result.err).toContain('components.yaml must be a list of components');
    expect(result.all).not.toMatch(STACK);
  });
});
