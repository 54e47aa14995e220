import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { slugify } from '../../text/slug.ts';
import { dayKey } from '../../time/dates.ts';
import { validateContent } from '../../loader/validate.ts';
import { flag, UsageError, type ParsedArgs } from '../args.ts';
import { CommandError } from '../files.ts';
import { defineCommand } from '../command.ts';
import { ask, type Terminal } from '../prompt.ts';

const HELP = `statusmark init [folder] [--name NAME --url URL] [options]

Creates a new status site in the folder (default: the current one): package.json, astro.config.mjs,
content/site.yaml and components.yaml, README, GitHub workflows (pull-request check; deploy to Pages
on push and every 15 minutes), pull-request templates and editor settings. No demo content.
Asks for what is missing on a terminal; --yes takes the defaults instead (for scripts and CI).

  --name NAME             company or product name (required)
  --url URL               where the status page will be published (required)
  --description TEXT      one sentence for search engines and feeds
  --time-zone ZONE        IANA time zone shown on the pages (default UTC)
  --locale TAG            language of the pages: en, de, es, fr, ja, nl, pt-BR, zh-CN (default en)
  --components LIST       "api:Public API,web:Web app" (default website:Website)
  --yes                   never ask; use flags and defaults
  --force                 allow a folder that is not empty; existing files are never overwritten
`;

export const command = defineCommand({
  name: 'init',
  help: HELP,
  switches: ['yes', 'force'],
  run: async ({ args, now, io }) => init(args, now, io),
});

/** The package's own folder: three levels up from src/cli/commands/ and from dist-cli/cli/commands/. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TEMPLATE = join(PACKAGE_ROOT, 'templates', 'site');

/** npm drops dot-files such as .gitignore from packages; the template names them without the dot. */
const DOT_NAMES: Record<string, string> = { gitignore: '.gitignore', github: '.github', vscode: '.vscode' };

export interface SiteAnswers {
  name: string;
  url: string;
  description: string;
  timeZone: string;
  /** The pages' language, a catalogue tag such as `de`. */
  locale: string;
  components: { id: string; name: string }[];
  /** The day the site starts (YYYY-MM-DD in its zone): every component's `since`, so no past is claimed. */
  since: string;
}

/** `--components "api:Public API,web:Web app"` → [{ id: 'api', name: 'Public API' }, …]. */
export function parseComponentList(text: string): { id: string; name: string }[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [id = '', ...rest] = part.split(':');
      const name = rest.join(':').trim();
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id.trim()) || !name)
        throw new UsageError(
          `--components: "${part}" is not id:Name; write it like --components "api:Public API,web:Web app" (ids are lowercase letters, digits and dashes)`,
        );
      return { id: id.trim(), name };
    });
}

/** The files of a new site, by path relative to its folder. */
export function siteFiles(answers: SiteAnswers, own: OwnPackage): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const parts = relative(TEMPLATE, path).split(sep);
        const target = parts.map((part, i) => (i === 0 ? (DOT_NAMES[part] ?? part) : part)).join('/');
        files.set(
          target,
          readFileSync(path, 'utf8')
            .replaceAll('{{name}}', answers.name)
            .replaceAll('{{url}}', answers.url)
            .replaceAll('{{component_ids}}', answers.components.map((c) => c.id).join(', ')),
        );
      }
    }
  };
  walk(TEMPLATE);
  files.set('package.json', `${JSON.stringify(packageJson(answers, own), null, 2)}\n`);
  files.set(
    'content/site.yaml',
    [
      '# The site as a whole; every field is described in node_modules/statusmark/docs/authoring.md.',
      stringify({
        name: answers.name,
        url: answers.url,
        description: answers.description,
        time_zone: answers.timeZone,
        locale: answers.locale,
      }),
    ].join('\n'),
  );
  files.set(
    'content/components.yaml',
    [
      '# What the status page reports on, in display order. Optional per component: description, group,',
      '# since (YYYY-MM-DD, when its uptime history starts) and slo (a monthly target such as 99.9).',
      stringify(answers.components.map((c) => ({ ...c, since: answers.since }))),
    ].join('\n'),
  );
  return files;
}

function packageJson(answers: SiteAnswers, own: OwnPackage) {
  const astro = own.peerDependencies.astro.replace(/^\^/, '');
  return {
    name: `${slugify(answers.name, 4) || 'site'}-status`,
    private: true,
    type: 'module',
    scripts: {
      dev: 'astro dev',
      build: 'astro build',
      preview: 'astro preview',
      check: 'statusmark check',
      new: 'statusmark new',
      update: 'statusmark update',
      resolve: 'statusmark resolve',
      status: 'statusmark status',
    },
    dependencies: { astro, statusmark: `^${own.version}` },
    engines: { node: '>=22.12.0' },
  };
}

interface OwnPackage {
  version: string;
  peerDependencies: { astro: string };
}

/** This package's own package.json: the version a new site depends on, and the Astro it needs. */
function ownPackage(): OwnPackage {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as OwnPackage;
}

async function answersFrom(args: ParsedArgs, terminal: Terminal): Promise<Omit<SiteAnswers, 'since'>> {
  const interactive = !args.flags.has('yes');
  const value = async (name: string, question: string, fallback: string | undefined) =>
    flag(args, name) ?? (interactive ? await ask(terminal, question, fallback) : fallback);
  const name = await value('name', 'Company or product name', undefined);
  if (!name) throw new UsageError('missing --name; for example --name "Acme"');
  const url = await value('url', 'Where the status page will be published', undefined);
  if (!url) throw new UsageError('missing --url; for example --url https://status.acme.example');
  const timeZone = (await value('time-zone', 'Time zone shown on the pages (IANA)', 'UTC')) ?? 'UTC';
  const locale =
    (await value('locale', 'Language of the pages (en, de, es, fr, ja, nl, pt-BR, zh-CN …)', 'en')) ?? 'en';
  const components = parseComponentList(
    (await value('components', 'Components, as id:Name separated by commas', 'website:Website')) ?? '',
  );
  if (components.length === 0) throw new UsageError('--components needs at least one id:Name');
  return {
    name,
    url,
    timeZone,
    locale,
    components,
    description: flag(args, 'description') ?? `Current status and incident history of ${name}.`,
  };
}

/** The flag an answer came from, for a problem the content rules found in the generated files. */
function answerFlag(file: string, path: string): string {
  if (file.endsWith('components.yaml')) return '--components';
  const field = path.split(/[.[]/)[0] ?? '';
  return field ? `--${field.replace('_', '-')}` : file;
}

export async function init(args: ParsedArgs, now: number, terminal: Terminal): Promise<string> {
  const dir = args.positionals[0] ?? '.';
  const force = args.flags.has('force');
  if (existsSync(dir) && readdirSync(dir).length > 0 && !force)
    throw new CommandError(
      `${dir} is not empty; choose a new folder, or add --force to add the files that are missing (no existing file is overwritten)`,
    );
  const asked = await answersFrom(args, terminal);
  // Components start today: the page never shows green days or 100 % for a time it did not see.
  const answers: SiteAnswers = { ...asked, since: dayKey(now, asked.timeZone) };
  // Adding to an existing site (--force): the issue form names the site's own components.
  const existing = join(dir, 'content/components.yaml');
  if (force && existsSync(existing)) {
    const listed = parse(readFileSync(existing, 'utf8')) as unknown;
    const ids = Array.isArray(listed)
      ? listed.flatMap((c: unknown) =>
          typeof (c as { id?: unknown })?.id === 'string' ? [(c as { id: string }).id] : [],
        )
      : [];
    if (ids.length > 0) answers.components = ids.map((id) => ({ id, name: id }));
  }
  const files = siteFiles(answers, ownPackage());

  // The new content must pass the same checks as every build; nothing is written otherwise.
  const result = validateContent(
    {
      root: join(dir, 'content'),
      site: { file: join(dir, 'content/site.yaml'), text: files.get('content/site.yaml') ?? '' },
      components: {
        file: join(dir, 'content/components.yaml'),
        text: files.get('content/components.yaml') ?? '',
      },
      incidents: [],
      maintenance: [],
      postmortems: [],
      templates: [...files]
        .filter(([name]) => /^content\/templates\/[^/]+\.md$/.test(name) && !name.endsWith('README.md'))
        .map(([name, text]) => ({ file: join(dir, name), text })),
      locales: [],
      strays: [],
    },
    { realNow: now },
  );
  if (!result.content) {
    const lines = result.problems
      .filter((p) => p.severity === 'error')
      .map((p) => `  ${answerFlag(p.file, p.path)}: ${p.message}`);
    throw new CommandError(`Nothing was written; fix these answers and run init again:\n${lines.join('\n')}`);
  }

  const written: string[] = [];
  const kept: string[] = [];
  for (const [path, text] of files) {
    const target = join(dir, path);
    if (existsSync(target)) {
      kept.push(path);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text, { flag: 'wx' });
    written.push(path);
  }
  return [
    `Created a status site for ${answers.name} in ${dir}: ${written.length} files.`,
    ...(kept.length ? [`Kept your own ${kept.join(', ')} (not overwritten).`] : []),
    '',
    'Next:',
    ...(dir === '.' ? [] : [`  cd ${dir}`]),
    '  npm install',
    '  npm run dev        # http://localhost:4321; then post an incident with npx statusmark new incident',
    '',
    'Publish it with GitHub Pages: push to GitHub and set Settings → Pages → Source to "GitHub Actions".',
  ].join('\n');
}
