import type { APIRoute, GetStaticPaths } from 'astro';
import { z } from 'astro/zod';
import { API_DOCUMENTS, type ApiDocumentName } from '../../../../schemas/statuspage-api.ts';

/** A JSON Schema (draft 2020-12) for each API document, generated from the Zod schemas. */
export const getStaticPaths = (() =>
  Object.keys(API_DOCUMENTS).map((doc) => ({ params: { doc } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const schema = z.toJSONSchema(API_DOCUMENTS[params.doc as ApiDocumentName], { io: 'output' });
  return new Response(
    JSON.stringify({ title: `Statuspage API v2 ${String(params.doc)}`, ...schema }, null, 2),
    {
      headers: { 'Content-Type': 'application/schema+json' },
    },
  );
};
