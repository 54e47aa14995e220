import type { APIRoute, GetStaticPaths } from 'astro';
import { buildBadges } from '../../formats/badge-set.ts';
import { getSiteContent } from '../../site/site-data.ts';

/** shields.io endpoint badges: https://img.shields.io/endpoint?url=<this file's URL>. */
export const getStaticPaths = (async () => {
  const badges = buildBadges(await getSiteContent());
  return [...badges].map(([name, badge]) => ({ params: { name }, props: { badge } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify((props as { badge: unknown }).badge), {
    headers: { 'Content-Type': 'application/json' },
  });
