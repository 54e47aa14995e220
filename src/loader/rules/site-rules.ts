import { DEFAULT_SEVERITIES, siteSchema, type Site } from '../../schemas/site.ts';
import { closest } from '../../text/words.ts';
import { ProblemCollector, type Problem } from '../problem.ts';
import type { ContentTree } from '../read-tree.ts';
import type { ReadFile } from './rule.ts';
import { checkPresent, checkSchema, checkSource } from './source-rules.ts';

/** Raw ids from a possibly invalid list, so that one mistake does not hide every reference check. */
export function rawIds(data: unknown): string[] {
  return Array.isArray(data)
    ? data.flatMap((item: unknown) =>
        item && typeof item === 'object' && 'id' in item && typeof item.id === 'string' ? [item.id] : [],
      )
    : [];
}

/** site.yaml's own `severities`, valid or not; undefined when it keeps the default scale. */
export function rawSeverities(read: ReadFile<Site> | undefined): unknown {
  const data = read?.yaml.data;
  return data && typeof data === 'object' ? (data as { severities?: unknown }).severities : undefined;
}

/**
 * The site's zone as written, when it is a valid zone, even if another field of site.yaml has a
 * mistake: every other file's times are then still checked in the zone the site will use, not in UTC.
 * When the file is not valid YAML at all (a bad indent elsewhere), its top-level `time_zone:` line.
 */
export function rawTimeZone(read: ReadFile<Site> | undefined, text?: string): string | undefined {
  const data = read
    ? read.yaml.data
    : { time_zone: /^time_zone:[ \t]*["']?([\w+\-/]+)["']?[ \t]*(#.*)?$/m.exec(text ?? '')?.[1] };
  const zone = data && typeof data === 'object' ? (data as { time_zone?: unknown }).time_zone : undefined;
  const parsed = siteSchema.shape.time_zone.safeParse(zone);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Checks that site.yaml exists, can be read and matches the site schema. Returns it with the ids of
 * its severity scale, which entries are checked against even when the file has mistakes.
 */
export function checkSiteFile(
  tree: ContentTree,
  report: ProblemCollector,
): { site?: ReadFile<Site>; severityIds: Set<string> } {
  let severityIds = new Set(DEFAULT_SEVERITIES.map((s) => s.id));
  if (!checkPresent(tree.site, tree.root, 'site.yaml', 'name, url and description', report))
    return { severityIds };
  const yaml = checkSource(tree.site, false, report);
  if (!yaml) return { severityIds };
  const own = new ProblemCollector();
  const site = { file: tree.site.file, yaml, value: checkSchema(siteSchema, yaml, tree.site.file, own) };
  report.addAll(own.inOrderFound().map((problem) => withNearestZone(problem, yaml.data)));
  const severities = rawSeverities(site);
  if (site.value) severityIds = new Set(site.value.severities.map((s) => s.id));
  else if (severities !== undefined) severityIds = new Set(rawIds(severities));
  return { site, severityIds };
}

/** A mistyped time_zone's problem names the nearest IANA zone: "Europe/Amsterdm" → Europe/Amsterdam. */
function withNearestZone(problem: Problem, data: unknown): Problem {
  const zone = data && typeof data === 'object' ? (data as { time_zone?: unknown }).time_zone : undefined;
  if (problem.path !== 'time_zone' || typeof zone !== 'string') return problem;
  const guess = closest(zone, Intl.supportedValuesOf('timeZone'));
  return guess ? { ...problem, message: `${problem.message}; did you mean "${guess}"?` } : problem;
}
