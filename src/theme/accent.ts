import { createHash } from 'node:crypto';

/**
 * The one inline style the site writes itself: the accent colour from site.yaml. Shared by the
 * layout (which renders it) and the integration (which puts its hash in the Content-Security-Policy).
 */
export function accentCss(accent: string | undefined): string {
  return accent ? `:root{--site-accent:${accent}}` : '';
}

export function styleHash(css: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(css).digest('base64')}`;
}
