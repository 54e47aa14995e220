import type { APIRoute } from 'astro';
import { buildCalendar } from '../formats/icalendar.ts';
import { getSiteContent } from '../site/site-data.ts';
import { absoluteUrl } from '../site/absolute-url.ts';

export const GET: APIRoute = async ({ site }) => {
  const content = await getSiteContent();
  return new Response(buildCalendar(content, absoluteUrl(site, content.site.url)), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
