import type { APIRoute, GetStaticPaths } from 'astro';
import { buildApiDocuments } from '../../../formats/statuspage-documents.ts';
import { API_DOCUMENTS, type ApiDocumentName } from '../../../schemas/statuspage-api.ts';
import { perContent } from '../../../site/content-store.ts';
import { getSiteContent } from '../../../site/site-data.ts';

export const getStaticPaths = (() =>
  Object.keys(API_DOCUMENTS).map((doc) => ({ params: { doc } }))) satisfies GetStaticPaths;

// Built once for all the documents of a content; `astro dev` publishes new content on each save.
const documentsOf = perContent(buildApiDocuments);

export const GET: APIRoute = async ({ params, site }) => {
  const content = await getSiteContent();
  const documents = documentsOf(content, site?.href ?? content.site.url);
  return new Response(JSON.stringify(documents[params.doc as ApiDocumentName]), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
