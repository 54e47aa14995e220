import type { APIRoute, GetStaticPaths } from 'astro';
import { buildApiDocuments } from '../../../formats/statuspage-documents.ts';
import { API_DOCUMENTS, type ApiDocumentName } from '../../../schemas/statuspage-api.ts';
import { getSiteContent } from '../../../site/site-data.ts';

export const getStaticPaths = (() =>
  Object.keys(API_DOCUMENTS).map((doc) => ({ params: { doc } }))) satisfies GetStaticPaths;

let documents: ReturnType<typeof buildApiDocuments> | undefined;

export const GET: APIRoute = async ({ params, site }) => {
  const content = await getSiteContent();
  documents ??= buildApiDocuments(content, site?.href ?? content.site.url);
  return new Response(JSON.stringify(documents[params.doc as ApiDocumentName]), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
