import type { APIRoute, GetStaticPaths } from 'astro';
import { buildBadges } from '../../formats/badge-set.ts';
import { badgeSvg } from '../../formats/badges.ts';
import { getSiteContent } from '../../site/site-data.ts';

export const getStaticPaths = (async () => {
  const badges = buildBadges(await getSiteContent());
  return [...badges].map(([name, badge]) => ({ params: { name }, props: { badge } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(badgeSvg((props as { badge: Parameters<typeof badgeSvg>[0] }).badge), {
    headers: { 'Content-Type': 'image/svg+xml' },
  });
