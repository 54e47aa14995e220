import type { APIRoute, GetStaticPaths } from 'astro';
import { contentPaths } from '../../domain/content.ts';
import { allReports, reportJson } from '../../domain/report.ts';
import { getSiteContent } from '../../site/site-data.ts';
import { absoluteUrl } from '../../site/absolute-url.ts';

export const getStaticPaths = (async () => {
  const content = await getSiteContent();
  return allReports(content).map((report) => ({ params: { month: report.month.key } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const content = await getSiteContent();
  const report = allReports(content).find((r) => r.month.key === params.month)!;
  const absolute = absoluteUrl(site, content.site.url);
  const paths = contentPaths(content);
  const body = reportJson(report, {
    page: absolute(paths.report(report.month.key)),
    incident: (id) => absolute(paths.incident(id)),
    postmortem: (id) => absolute(paths.postmortem(id)),
  });
  return new Response(JSON.stringify(body, null, 2), { headers: { 'Content-Type': 'application/json' } });
};
