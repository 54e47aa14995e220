import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { slugify } from '../../text/slug.ts';
import { dayKey } from '../../time/dates.ts';
import { validateContent } from '../../loader/validate.ts';
import { readContentTree } from '../../loader/read-tree.ts';
import { englishLocale, loadCatalogues, localeOf } from '../../loader/catalogues.ts';
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

In an existing site, "init . --force" upgrades: it takes the name, url and the rest from
content/site.yaml and components.yaml, adds the files this version writes that the site lacks (new
workflows, templates …), and lists what it added and which of the team's files differ from what
this version would write (left as they are). A folder on the way that is a symbolic link is refused.
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
    // Astro through scripts/astro.mjs: telemetry off on every system, Windows too.
    scripts: {
      dev: 'node scripts/astro.mjs dev',
      build: 'node scripts/astro.mjs build',
      preview: 'node scripts/astro.mjs preview',
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

/** What an existing site's content/site.yaml and components.yaml already say: the answers of an upgrade. */
interface ExistingSite {
  name?: string;
  url?: string;
  description?: string;
  timeZone?: string;
  locale?: string;
  componentIds: string[];
  /** content/site.yaml is there: the folder is a status site already, and init upgrades it. */
  isSite: boolean;
}

function readExistingSite(dir: string): ExistingSite {
  const siteFile = join(dir, 'content/site.yaml');
  const read = (file: string): unknown => {
    try {
      return existsSync(file) ? (parse(readFileSync(file, 'utf8')) as unknown) : undefined;
    } catch {
      return undefined; // check names the mistake; init only takes what it can read
    }
  };
  const site = (read(siteFile) ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof site[key] === 'string' ? site[key] : undefined);
  const listed = read(join(dir, 'content/components.yaml'));
  const componentIds = Array.isArray(listed)
    ? listed.flatMap((c: unknown) =>
        typeof (c as { id?: unknown })?.id === 'string' ? [(c as { id: string }).id] : [],
      )
    : [];
  return {
    name: text('name'),
    url: text('url'),
    description: text('description'),
    timeZone: text('time_zone'),
    locale: text('locale'),
    componentIds,
    isSite: existsSync(siteFile),
  };
}

async function answersFrom(
  args: ParsedArgs,
  terminal: Terminal,
  existing: ExistingSite | undefined,
): Promise<Omit<SiteAnswers, 'since'>> {
  const interactive = !args.flags.has('yes');
  // An existing site's own answers are taken as they are, never asked again.
  const value = async (name: string, question: string, known: string | undefined, fallback?: string) =>
    flag(args, name) ?? known ?? (interactive ? await ask(terminal, question, fallback) : fallback);
  const name = await value('name', 'Company or product name', existing?.name);
  if (!name) throw new UsageError('missing --name; for example --name "Acme"');
  const url = await value('url', 'Where the status page will be published', existing?.url);
  if (!url) throw new UsageError('missing --url; for example --url https://status.acme.example');
  const timeZone =
    (await value('time-zone', 'Time zone shown on the pages (IANA)', existing?.timeZone, 'UTC')) ?? 'UTC';
  const locale =
    (await value(
      'locale',
      'Language of the pages (en, de, es, fr, ja, nl, pt-BR, zh-CN …)',
      existing?.locale,
      'en',
    )) ?? 'en';
  // The issue form names the site's own components; a new site is asked for them.
  const known = existing?.componentIds.map((id) => `${id}:${id}`).join(',') || undefined;
  const components = parseComponentList(
    (await value('components', 'Components, as id:Name separated by commas', known, 'website:Website')) ?? '',
  );
  if (components.length === 0) throw new UsageError('--components needs at least one id:Name');
  return {
    name,
    url,
    timeZone,
    locale,
    components,
    description: flag(args, 'description') ?? existing?.description ?? defaultDescription(name, locale),
  };
}

/** "Current status and incident history of Acme." in the site's language (English for an unknown tag). */
function defaultDescription(name: string, tag: string): string {
  const locale = localeOf(loadCatalogues([], [tag], []), tag, 'UTC');
  return (locale ?? englishLocale('UTC')).t('site.default_description', { site: name });
}

/** The flag an answer came from, for a problem the content rules found in the generated files. */
function answerFlag(file: string, path: string): string {
  if (file.endsWith('components.yaml')) return '--components';
  const field = path.split(/[.[]/)[0] ?? '';
  return field ? `--${field.replace('_', '-')}` : file;
}

/** The generated content must pass the same checks as every build; nothing is written otherwise. */
function validateNewSite(dir: string, files: Map<string, string>, now: number): void {
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
      templates: templatesOf(dir, files),
      locales: [],
      strays: [],
    },
    { realNow: now },
  );
  if (result.content) return;
  const lines = result.problems
    .filter((p) => p.severity === 'error')
    .map((p) => `  ${answerFlag(p.file, p.path)}: ${p.message}`);
  throw new CommandError(`Nothing was written; fix these answers and run init again:\n${lines.join('\n')}`);
}

/**
 * Incident templates added to an existing site must be valid there (its severities, its components):
 * one that is not is left out, with check's words, and the rest of the upgrade goes ahead.
 */
function leaveOutInvalidTemplates(dir: string, adding: Map<string, string>, now: number): string[] {
  const templates = templatesOf(dir, adding);
  if (templates.length === 0) return [];
  const tree = readContentTree(join(dir, 'content'));
  tree.templates.push(...templates);
  const result = validateContent(tree, { realNow: now });
  const left: string[] = [];
  for (const [path] of adding) {
    const target = resolve(dir, path);
    const problems = result.problems.filter((p) => p.severity === 'error' && resolve(p.file) === target);
    if (problems.length === 0) continue;
    adding.delete(path);
    left.push(`${path} (${problems.map((p) => `${p.path} ${p.message}`.trim()).join('; ')})`);
  }
  return left;
}

function templatesOf(dir: string, files: Map<string, string>): { file: string; text: string }[] {
  return [...files]
    .filter(([name]) => /^content\/templates\/[^/]+\.md$/.test(name) && !name.endsWith('README.md'))
    .map(([name, text]) => ({ file: join(dir, name), text }));
}

/**
 * A link on the way to a file init would write: a folder of the site (such as `.github`) that is a
 * symbolic link would send the file somewhere else, outside the site or into another project.
 */
function linkOnTheWay(dir: string, path: string): string | undefined {
  let at = dir;
  for (const part of path.split('/')) {
    at = join(at, part);
    let stat;
    try {
      stat = lstatSync(at);
    } catch {
      return undefined; // nothing there yet: init makes it, as a folder or a file
    }
    if (stat.isSymbolicLink()) return at;
  }
  return undefined;
}

/** The files init would add, the ones it leaves (same or changed by the team), and links it refuses. */
function plan(dir: string, files: Map<string, string>) {
  const adding = new Map<string, string>();
  const differing: string[] = [];
  const links = new Set<string>();
  for (const [path, text] of files) {
    const link = linkOnTheWay(dir, path);
    if (link) links.add(link);
    const target = join(dir, path);
    if (!existsSync(target)) adding.set(path, text);
    else if (!TEAM_FILES.has(path) && readFileSync(target, 'utf8') !== text) differing.push(path);
  }
  if (links.size > 0)
    throw new CommandError(
      `Nothing was written: ${[...links].map((l) => `${l} is a symbolic link (to ${readlinkSync(l)})`).join('; ')}. init writes only inside ${dir}; replace the link with a folder of its own, or run init where the files belong.`,
    );
  return { adding, differing };
}

/** Files that are the team's own from the start: never compared with what init would write. */
const TEAM_FILES = new Set(['content/site.yaml', 'content/components.yaml']);

export async function init(args: ParsedArgs, now: number, terminal: Terminal): Promise<string> {
  const dir = args.positionals[0] ?? '.';
  const force = args.flags.has('force');
  const existing = readExistingSite(dir);
  if (existsSync(dir) && readdirSync(dir).length > 0 && !force)
    throw new CommandError(
      existing.isSite
        ? `${dir} holds a status site already; add --force to add the files this version of init writes that it lacks (no existing file is overwritten)`
        : `${dir} is not empty; choose a new folder, or add --force to add the files that are missing (no existing file is overwritten)`,
    );
  const asked = await answersFrom(args, terminal, force ? existing : undefined);
  // Components start today: the page never shows green days or 100 % for a time it did not see.
  const answers: SiteAnswers = { ...asked, since: dayKey(now, asked.timeZone) };
  const files = siteFiles(answers, ownPackage());
  if (!existing.isSite) validateNewSite(dir, files, now);
  const { adding, differing } = plan(dir, files);
  const invalid = existing.isSite ? leaveOutInvalidTemplates(dir, adding, now) : [];
  for (const [path, text] of adding) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text, { flag: 'wx' });
  }
  return existing.isSite
    ? upgradeReport(dir, answers.name, [...adding.keys()], differing, invalid)
    : newSiteReport(dir, answers, adding.size, differing);
}

function newSiteReport(
  dir: string,
  { name, locale }: { name: string; locale: string },
  written: number,
  kept: string[],
): string {
  return [
    `Created a status site for ${name} in ${dir}: ${written} files.`,
    ...(kept.length ? [`Kept your own ${kept.join(', ')} (not overwritten).`] : []),
    // The templates' words go out to readers as they are; only English ones ship.
    ...(locale === 'en' || locale.startsWith('en-')
      ? []
      : [
          'The incident templates in content/templates/ are in English; translate their titles and messages before you use them.',
        ]),
    '',
    'Next:',
    ...(dir === '.' ? [] : [`  cd ${dir}`]),
    '  npm install',
    '  npm run dev        # http://localhost:4321; then post an incident with npx statusmark new incident',
    '',
    'Publish it with GitHub Pages: push to GitHub and set Settings → Pages → Source to "GitHub Actions".',
  ].join('\n');
}

/** What an upgrade (`init --force` in an existing site) added, and what it left as the team has it. */
function upgradeReport(
  dir: string,
  name: string,
  added: string[],
  differing: string[],
  invalid: string[],
): string {
  const list = (paths: string[]) => [...paths].sort().map((p) => `  ${p}`);
  return [
    added.length > 0
      ? `Added ${added.length === 1 ? '1 file' : `${added.length} files`} to the status site of ${name} in ${dir}:`
      : `Nothing to add to the status site of ${name} in ${dir}: it has every file this version of init writes.`,
    ...list(added),
    ...(differing.length > 0
      ? [
          `Left as they are (they exist and differ from what this version of init writes; compare them with node_modules/statusmark/templates/site/, where .github is github/ and .vscode is vscode/):`,
          ...list(differing),
        ]
      : []),
    ...(invalid.length > 0
      ? [
          'Not added, as they would not pass check in this site (add them by hand if you want them):',
          ...list(invalid),
        ]
      : []),
    ...(added.length > 0 ? ['', 'Look through the added files, then commit them.'] : []),
  ].join('\n');
}
