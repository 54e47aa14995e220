import type { APIRoute, GetStaticPaths } from 'astro';
import { COMPONENT_STATUSES, type ComponentStatus } from '../../schemas/vocabulary.ts';
import { statusPreviewPng } from '../../theme/status-picture.ts';

/** One link preview image per status (`og:image`), so that a cached preview keeps its own picture. */
export const getStaticPaths = (() =>
  COMPONENT_STATUSES.map((status) => ({ params: { status } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(new Uint8Array(statusPreviewPng(params.status as ComponentStatus)), {
    headers: { 'Content-Type': 'image/png' },
  });
