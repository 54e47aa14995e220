import { severityNames } from '../domain/content.ts';
import type { Locale } from '../i18n/locale.ts';
import { englishLocale } from '../loader/catalogues.ts';
import { formatProblem, ProblemCollector } from '../loader/problem.ts';
import type { ContentTree } from '../loader/read-tree.ts';
import { checkComponentsFile } from '../loader/rules/component-rules.ts';
import { checkSiteLocales } from '../loader/rules/locale-rules.ts';
import { checkSiteFile, rawSeverities } from '../loader/rules/site-rules.ts';
import type { Component } from '../schemas/component.ts';
import type { Site } from '../schemas/site.ts';
import { CommandError } from './errors.ts';

/** What the commands write with: the site's language, zone, names and severity labels. */
interface SiteSettings {
  site?: Site;
  components: Component[];
  locale: Locale;
  timeZone: string;
}

/**
 * site.yaml and components.yaml (and the site's catalogues) on their own, whatever the other content
 * files say: a mistake in one incident must not make the next one English, in UTC, with component ids
 * for names. When these files themselves have errors the command refuses and lists them, rather
 * than write with guessed settings. A folder without site.yaml (not a site yet) keeps the defaults.
 */
export function readSiteSettings(tree: ContentTree): SiteSettings {
  if (!tree.site) return { components: [], locale: englishLocale('UTC'), timeZone: 'UTC' };
  const report = new ProblemCollector();
  const files = { ...checkSiteFile(tree, report), ...checkComponentsFile(tree, report) };
  const locales = checkSiteLocales(files, tree, report);
  const settingsErrors = report.sorted().filter((p) => p.severity === 'error');
  if (settingsErrors.length > 0) {
    throw new CommandError(
      `The site's settings have errors; fix them first, as every command writes with them (nothing was written):\n${settingsErrors.map(formatProblem).join('\n')}`,
      settingsErrors,
    );
  }
  const site = files.site?.value;
  const timeZone = site?.time_zone ?? 'UTC';
  const locale = locales?.[0] ?? englishLocale(timeZone);
  return {
    site: site && rawSeverities(files.site) === undefined ? severityNames(site, locale) : site,
    components: files.components?.value ?? [],
    locale,
    timeZone,
  };
}
