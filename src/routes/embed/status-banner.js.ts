import type { APIRoute } from 'astro';
import source from './status-banner.client.js?raw';
import { bannerWords } from '../../formats/banner-words.ts';
import { COMPONENT_STATUSES, STATUS_GLYPHS } from '../../schemas/vocabulary.ts';
import { getSiteContent } from '../../site/site-data.ts';
import { STATUS_COLOURS, STATUS_TINTS } from '../../theme/status-picture.ts';

/** The placeholder in the banner's source that the site's words and colours replace. */
const CONFIG = '/* STATUSMARK_BANNER_CONFIG */ null';

/** /embed/status-banner.js: the banner a product includes on its own pages (docs/embedding.md). */
export const GET: APIRoute = async () => {
  const content = await getSiteContent();
  const config = {
    languages: bannerWords(content),
    fallback: content.locale.tag,
    order: COMPONENT_STATUSES,
    glyphs: STATUS_GLYPHS,
    colours: STATUS_COLOURS,
    tints: STATUS_TINTS,
  };
  // The type notes (JSDoc blocks) are for the editor and ESLint, not for every product page's reader.
  const served = source.replace(/^\s*\/\*\*[\s\S]*?\*\/\n/gm, '').replace(CONFIG, JSON.stringify(config));
  return new Response(served, {
    headers: { 'Content-Type': 'text/javascript; charset=utf-8' },
  });
};
