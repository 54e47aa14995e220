import type { Locale } from '../i18n/locale.ts';
import { escapeHtml } from '../text/html.ts';
import { type ComponentStatus, type PageIndicator } from '../schemas/vocabulary.ts';

/** Shields-style badges: an SVG the site serves and the JSON that shields.io's endpoint badge reads. */

/** shields.io named colours for each status (https://shields.io/badges/endpoint-badge). */
export const BADGE_COLORS: Record<ComponentStatus, string> = {
  operational: 'brightgreen',
  under_maintenance: 'blue',
  degraded_performance: 'yellow',
  partial_outage: 'orange',
  major_outage: 'red',
};

/** The same colours as hex for the SVG (dark enough for white text at 4.5:1). */
const HEX: Record<string, string> = {
  brightgreen: '#1a7f37',
  green: '#1a7f37',
  blue: '#0969da',
  yellow: '#7d5a00',
  orange: '#b24200',
  red: '#cf222e',
  lightgrey: '#57606a',
};

export const PAGE_INDICATOR_STATUS: Record<PageIndicator, ComponentStatus> = {
  none: 'operational',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
  maintenance: 'under_maintenance',
};

export interface EndpointBadge {
  schemaVersion: 1;
  label: string;
  message: string;
  color: string;
}

export function statusBadge(label: string, status: ComponentStatus, locale: Locale): EndpointBadge {
  return {
    schemaVersion: 1,
    label,
    message: locale.t(`badge.${status}`),
    color: BADGE_COLORS[status],
  };
}

/** Uptime colour: green at or above the SLO (99.9 % without one), then yellow, orange, red. */
export function uptimeBadge(
  label: string,
  uptime: { ratio: number; noData: boolean },
  locale: Locale,
  slo = 99.9,
): EndpointBadge {
  // Before a component's history starts there is nothing to claim: grey, "no data", never 100 %.
  if (uptime.noData)
    return { schemaVersion: 1, label, message: locale.t('badge.no_data'), color: 'lightgrey' };
  const ratio = uptime.ratio;
  const percent = ratio * 100;
  const color =
    percent >= slo ? 'brightgreen' : percent >= slo - 0.1 ? 'yellow' : percent >= slo - 1 ? 'orange' : 'red';
  return { schemaVersion: 1, label, message: locale.percent(ratio, 2), color };
}

/** Width of text in Verdana 11px, roughly as shields computes it (narrow and wide letters apart). */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width += /[ijlt.,:;'!|() ]/.test(ch) ? 4 : /[mwMW%]/.test(ch) ? 10 : /[A-Z0-9]/.test(ch) ? 8 : 7;
  return width;
}

/** A flat shields-style SVG with an accessible <title>. */
export function badgeSvg(badge: EndpointBadge): string {
  const left = textWidth(badge.label) + 12;
  const right = textWidth(badge.message) + 12;
  const width = left + right;
  const label = escapeHtml(badge.label);
  const message = escapeHtml(badge.message);
  const color = HEX[badge.color] ?? HEX.lightgrey!;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${label}: ${message}"><title>${label}: ${message}</title><rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${color}"/><g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11"><text x="${left / 2}" y="14">${label}</text><text x="${left + right / 2}" y="14">${message}</text></g></svg>`;
}
