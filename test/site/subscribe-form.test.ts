import { describe, expect, inject, test } from 'vitest';
import { listFiles, readPage } from '../helpers/build.ts';

// test/fixtures/site keeps its mailing list at Buttondown (subscribe: in its site.yaml), with three
// boxes: the Payments and Developer tools groups, and Sign-in and SSO.

/** A page's Content-Security-Policy, directive by directive. */
function policyOf(document: Document): Map<string, string[]> {
  const policy = document
    .querySelector('meta[http-equiv="content-security-policy"]')
    ?.getAttribute('content');
  return new Map(
    (policy ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('the email sign-up form on /subscribe/', () => {
  test("posts the reader's address and ticked boxes straight to Buttondown's embed-subscribe endpoint", () => {
    const page = readPage(inject('siteDist'), '/subscribe/');
    const forms = page.querySelectorAll('form');
    expect(forms).toHaveLength(1);
    const form = forms[0]!;
    expect(form.getAttribute('method')).toBe('post');
    expect(form.getAttribute('action')).toBe('https://buttondown.com/api/emails/embed-subscribe/kestrel');
    const email = form.querySelector('input[name="email"]')!;
    expect([email.getAttribute('type'), email.hasAttribute('required')]).toEqual(['email', true]);
    expect(form.querySelector(`label[for="${email.id}"]`)?.textContent?.trim()).toBe('Email address');
    const boxes = [...form.querySelectorAll('input[type="checkbox"]')].map((box) => [
      box.getAttribute('name'),
      box.getAttribute('value'),
      box.hasAttribute('checked'),
      box.closest('label')?.textContent?.trim(),
    ]);
    expect(boxes).toEqual([
      ['tag', 'all', true, 'Everything on this page'],
      ['tag', 'payments', false, 'Payments'],
      ['tag', 'developer-tools', false, 'Developer tools'],
      ['tag', 'sign-in', false, 'Sign-in and SSO'],
    ]);
    expect(
      [...form.querySelectorAll('input[type="hidden"]')].map((i) => [
        i.getAttribute('name'),
        i.getAttribute('value'),
      ]),
    ).toEqual([['embed', '1']]);
    expect(form.querySelector('button[type="submit"]')?.textContent).toBe('Subscribe');
    // The RSS-to-email services are no longer the way to get email.
    expect(page.querySelector('main')?.textContent).not.toContain('RSS-to-email');
  });

  test("the page's policy allows Buttondown as a form's target and nothing else; every other page allows none", () => {
    const dist = inject('siteDist');
    expect(policyOf(readPage(dist, '/subscribe/')).get('form-action')).toEqual(['https://buttondown.com']);
    const others = listFiles(dist).filter((f) => f.endsWith('.html') && f !== 'subscribe/index.html');
    expect(others.length).toBeGreaterThan(50);
    for (const file of others)
      expect(policyOf(readPage(dist, `/${file}`)).get('form-action'), file).toEqual(["'none'"]);
  });
});
