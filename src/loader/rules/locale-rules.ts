import type { Locale } from '../../i18n/locale.ts';
import { loadCatalogues, localeOf } from '../catalogues.ts';
import type { Problem, ProblemCollector } from '../problem.ts';
import type { ContentTree } from '../read-tree.ts';
import type { SiteFiles } from './rule.ts';
import { otherLocales } from './translation-rules.ts';

/**
 * Checks the site's message catalogues (its own and the ones it changes) and that each interface
 * language has a complete one; a locale without one is reported on the line of site.yaml naming it.
 * Returns the site's languages, its `locale` first, when every one has its catalogue.
 */
export function checkSiteLocales(
  files: SiteFiles,
  tree: ContentTree,
  report: ProblemCollector,
): Locale[] | undefined {
  const read = files.site;
  const site = read?.value;
  if (!read || !site) return undefined;
  const tags = [site.locale, ...otherLocales(site)];
  const catalogueProblems: Problem[] = [];
  const set = loadCatalogues(tree.locales, tags, catalogueProblems);
  report.addAll(catalogueProblems);
  const locales: Locale[] = [];
  tags.forEach((tag, index) => {
    const locale = localeOf(set, tag, site.time_zone);
    if (locale) return void locales.push(locale);
    if (set.tags.includes(tag)) return;
    const path = index === 0 ? ['locale'] : ['locales', (site.locales ?? []).indexOf(tag)];
    report.error(
      read.file,
      read.yaml.lineOf(path) ?? read.yaml.lineOf([]),
      path,
      `"${tag}" has no message catalogue`,
      `use one of ${set.tags.join(', ')}, or add ${tree.root}/locales/${tag}.yaml (a copy of Statusmark's locales/en.yaml, translated)`,
    );
  });
  checkChannelLocales(read, set.tags, report);
  return locales.length === tags.length ? locales : undefined;
}

/** A notification channel's `locale` must have a catalogue, or `notify` could not word its messages. */
function checkChannelLocales(
  read: NonNullable<SiteFiles['site']>,
  available: readonly string[],
  report: ProblemCollector,
): void {
  read.value?.notifications.forEach((channel, index) => {
    if (channel.locale === undefined || available.includes(channel.locale)) return;
    const path = ['notifications', index, 'locale'];
    report.error(
      read.file,
      read.yaml.lineOf(path) ?? read.yaml.lineOf([]),
      path,
      `"${channel.locale}" has no message catalogue`,
      `use one of ${available.join(', ')}`,
    );
  });
}
