import { describe, expect, test } from 'vitest';
import { fixPolicy, fixPolicyStream } from '../../src/integration/no-script.ts';

// Every built page's Content-Security-Policy forbids scripts and form targets; the policy is fixed
// as each page streams out of the renderer, whatever the chunks it comes in.

const head = (policy: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="${policy}"><title>Ünïcode — status</title></head>`;
const page = (policy: string) => `${head(policy)}<body><p>Alles in Ordnung — 99,9 %</p></body></html>`;
const ASTRO = "default-src 'self'; script-src 'self' 'sha256-abc'; style-src 'self' 'sha256-def';";

async function streamed(html: string, cut: number[]): Promise<string> {
  const bytes = new TextEncoder().encode(html);
  const edges = [0, ...cut, bytes.length];
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < edges.length - 1; i++) controller.enqueue(bytes.slice(edges[i], edges[i + 1]));
      controller.close();
    },
  });
  return new Response(body.pipeThrough(fixPolicyStream())).text();
}

describe("a page's policy", () => {
  test("says script-src 'none' and form-action 'none'", () => {
    const fixed = fixPolicy(page(ASTRO));
    expect(fixed).toContain("script-src 'none';");
    expect(fixed).not.toContain('sha256-abc');
    expect(fixed).toContain("form-action 'none'");
    expect(fixed).toContain("style-src 'self' 'sha256-def'");
  });

  test('keeps the one form target a page allowed itself', () => {
    const fixed = fixPolicy(page(`${ASTRO} form-action https://buttondown.com;`));
    expect(fixed).toContain('form-action https://buttondown.com');
    expect(fixed).not.toContain("form-action 'none'");
  });

  test('is fixed the same whether the page comes in one piece or in many', async () => {
    const html = page(ASTRO);
    const whole = fixPolicy(html);
    const length = new TextEncoder().encode(html).length;
    // Cuts inside the policy, inside "</head>", inside a two-byte character, and after the head.
    const headEnd = new TextEncoder().encode(head(ASTRO)).length;
    const umlaut = new TextEncoder().encode(html.slice(0, html.indexOf('Ü'))).length + 1;
    for (const cut of [
      [],
      [40],
      [umlaut],
      [headEnd - 3],
      [headEnd + 5],
      [10, 90, umlaut, headEnd - 1, length - 2],
    ])
      expect(await streamed(html, cut)).toBe(whole);
  });

  test('a page without a head (a fragment) still gets its policy fixed at the end', async () => {
    const fragment = `<meta http-equiv="content-security-policy" content="${ASTRO}"><p>ok</p>`;
    expect(await streamed(fragment, [20])).toBe(fixPolicy(fragment));
  });
});
