import type { MiddlewareHandler } from 'astro';

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

const HEAD_END = Buffer.from('</head>');

/**
 * The page's bytes with the policy fixed in its head: the bytes up to `</head>` are gathered, decoded
 * and rewritten; the rest of the page (most of it) passes through as it came, never decoded.
 */
export function fixPolicyStream(): TransformStream<Uint8Array, Uint8Array> {
  let head: Buffer | undefined = Buffer.alloc(0);
  const fixed = (bytes: Buffer) => Buffer.from(fixPolicy(bytes.toString('utf8')));
  return new TransformStream({
    transform(chunk, controller) {
      if (head === undefined) return controller.enqueue(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf(HEAD_END);
      if (end === -1) return;
      controller.enqueue(fixed(head.subarray(0, end)));
      controller.enqueue(head.subarray(end));
      head = undefined;
    },
    flush(controller) {
      if (head !== undefined) controller.enqueue(fixed(head));
    },
  });
}

/**
 * Added by the integration for builds, after every other middleware: each page's policy is fixed as
 * it is rendered, so the build writes every page once. (Reading and rewriting every built page
 * afterwards cost about 4 s of CPU at 5,000 incidents: BENCHMARKS.md.) Feeds, the API and other
 * responses that are not HTML pass untouched.
 */
export const onRequest: MiddlewareHandler = async (_context, next) => {
  const response = await next();
  if (!response.body || !response.headers.get('content-type')?.startsWith('text/html')) return response;
  return new Response(response.body.pipeThrough(fixPolicyStream()), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
};
