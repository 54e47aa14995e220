import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Astro's Content-Security-Policy always allows `'self'` and the hashes of its built-in hydration
 * directives in `script-src`, though no Statusmark page has a script. The policy is made to say what
 * is true: `script-src 'none'`, so not even a script that finds its way into the site can run.
 */
const SCRIPT_SRC = /(<meta http-equiv="content-security-policy" content="[^"]*?)script-src [^;"]*;/;
/** The policy's `content` attribute, if it has no `form-action` directive. */
const NO_FORM_ACTION =
  /(<meta http-equiv="content-security-policy" content="(?![^"]*form-action)[^"]*?);?(")/;

/**
 * A page's HTML with its policy's `script-src` set to `'none'`, and `form-action 'none'` unless the
 * page allowed its form's one target itself (/subscribe/, with `Astro.csp.insertDirective`):
 * form-action does not fall back to default-src, and a page with no form needs no target.
 */
export function fixPolicy(html: string): string {
  return html.replace(SCRIPT_SRC, "$1script-src 'none';").replace(NO_FORM_ACTION, "$1; form-action 'none'$2");
}

/** Rewrites the policy of every page in a built site; returns how many pages it changed. */
export async function forbidScripts(dir: string): Promise<number> {
  const pages = (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.html'));
  let changed = 0;
  // A few files at a time: enough to overlap the reads and writes of a large site.
  for (let i = 0; i < pages.length; i += 64) {
    await Promise.all(
      pages.slice(i, i + 64).map(async (name) => {
        const path = join(dir, name);
        const html = await readFile(path, 'utf8');
        const fixed = fixPolicy(html);
        if (fixed !== html) {
          await writeFile(path, fixed);
          changed++;
        }
      }),
    );
  }
  return changed;
}
