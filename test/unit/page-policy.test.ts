import { describe, expect, test } from 'vitest';
import { pagePolicy, withPolicy } from '../../src/integration/page-policy.ts';

// Every built page carries a Content-Security-Policy as the first element of its head: no script,
// nothing from other origins, only the site's stylesheets and its one inline style, and no form
// target but the sign-up form's.

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const PAGE =
  '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Störung — Status</title></head><body><p>Alles in Ordnung — 99,9 %</p></body></html>';

describe("a page's policy", () => {
  test('forbids scripts and form targets and allows the accent style by its hash', () => {
    const policy = pagePolicy({ styleHashes: ['sha256-abc='] });
    expect(policy.split('; ')).toEqual([
      "default-src 'self'",
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'self'",
      "script-src 'none'",
      "style-src 'self' 'sha256-abc='",
      "form-action 'none'",
    ]);
  });

  test('allows the one form target a page names', () => {
    expect(pagePolicy({ styleHashes: [], formAction: 'https://buttondown.com' })).toContain(
      'form-action https://buttondown.com',
    );
  });

  test('comes right after the character set, and the rest of the page is unchanged', () => {
    const fixed = decode(withPolicy(encode(PAGE), "script-src 'none'"));
    expect(fixed).toBe(
      PAGE.replace(
        '<meta charset="utf-8">',
        '<meta charset="utf-8"><meta http-equiv="content-security-policy" content="script-src \'none\'">',
      ),
    );
  });

  test('comes first in a head without a character set, and a fragment (no doctype, html or head) is left alone', () => {
    const bare = '<html><head lang="en"><title>x</title></head><body></body></html>';
    expect(decode(withPolicy(encode(bare), 'p'))).toBe(
      bare.replace(
        '<head lang="en">',
        '<head lang="en"><meta http-equiv="content-security-policy" content="p">',
      ),
    );
    expect(decode(withPolicy(encode('<p>fragment</p>'), 'p'))).toBe('<p>fragment</p>');
  });

  test("in a site's page with no head, comes where the browser opens one, never inside a <header>", () => {
    // A policy the browser reads in the body is ignored: the page would have none.
    const meta = '<meta http-equiv="content-security-policy" content="p">';
    expect(decode(withPolicy(encode('<!DOCTYPE html><header><h1>About</h1></header>'), 'p'))).toBe(
      `<!DOCTYPE html>${meta}<header><h1>About</h1></header>`,
    );
    expect(decode(withPolicy(encode('<!doctype html><html lang="en"><header>x</header></html>'), 'p'))).toBe(
      `<!doctype html><html lang="en">${meta}<header>x</header></html>`,
    );
    expect(decode(withPolicy(encode('<!DOCTYPE html><HTML><HEAD><TITLE>x</TITLE></HEAD></HTML>'), 'p'))).toBe(
      `<!DOCTYPE html><HTML><HEAD>${meta}<TITLE>x</TITLE></HEAD></HTML>`,
    );
  });
});
