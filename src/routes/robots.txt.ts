import type { APIRoute } from 'astro';
import { getSiteContent } from '../site/site-data.ts';

/**
 * Every crawler may read every page and is pointed at the sitemap; a site with `noindex: true` in
 * site.yaml (private or staging) turns them all away instead.
 */
export const GET: APIRoute = async ({ site }) => {
  const { site: settings } = await getSiteContent();
  const sitemap = new URL(
    `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}sitemap-index.xml`,
    site ?? 'http://localhost/',
  );
  const body = settings.noindex
    ? 'User-agent: *\nDisallow: /\n'
    : `User-agent: *\nAllow: /\n\nSitemap: ${sitemap.href}\n`;
  return new Response(body, { headers: { 'Content-Type': 'text/plain' } });
};
