import type { Site } from '../../schemas/site.ts';
import type { ProblemCollector } from '../problem.ts';
import type { ReadFile, SiteFiles } from './rule.ts';

/** The site's languages besides its own `locale`: the only ones a translation may name. */
export function otherLocales(site: Pick<Site, 'locale' | 'locales'>): string[] {
  return (site.locales ?? []).filter((tag) => tag !== site.locale);
}

/**
 * Checks that the translations of severities (site.yaml) and components (components.yaml) are into
 * the site's other languages: a translation into any other would never be shown.
 */
export function checkTranslationLanguages(files: SiteFiles, report: ProblemCollector): void {
  const siteFile = files.site;
  const site = siteFile?.value;
  if (!siteFile || !site) return;
  const others = otherLocales(site);
  const stray = (read: ReadFile<unknown>, path: (string | number)[], translations: object | undefined) => {
    for (const tag of Object.keys(translations ?? {}).filter((t) => !others.includes(t)))
      report
        .inYaml(read.file, read.yaml)
        .error(
          [...path, tag],
          others.length === 0
            ? `is not one of the site's languages; list it in site.yaml, such as locales: [${site.locale}, ${tag}], or remove this translation`
            : `is not one of the site's other languages (${others.join(', ')}); add it to locales in site.yaml, or fix the tag`,
        );
  };
  site.severities.forEach((s, index) =>
    stray(siteFile, ['severities', index, 'translations'], s.translations),
  );
  const components = files.components;
  components?.value?.forEach((c, index) => stray(components, [index, 'translations'], c.translations));
}
