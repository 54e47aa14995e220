// @ts-check
import { createHash } from 'node:crypto';

/**
 * The one inline style the site writes itself: the accent colour from site.yaml. Shared by the
 * layout (which renders it) and astro.config.mjs (which puts its hash in the Content-Security-Policy).
 * @param {string | undefined} accent a #rrggbb colour
 */
export function accentCss(accent) {
  return accent ? `:root{--site-accent:${accent}}` : '';
}

/** @param {string} css */
export function styleHash(css) {
  return /** @type {`sha256-${string}`} */ (`sha256-${createHash('sha256').update(css).digest('base64')}`);
}
