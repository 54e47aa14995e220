import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { parseHTML } from 'linkedom';
import { expect, test } from 'vitest';

const SOURCE = readFileSync(
  new URL('../../src/routes/embed/status-banner.client.js', import.meta.url),
  'utf8',
);
const SITE = 'https://status.example.com/';

/** Runs the banner on a product page against a summary.json, and gives the banner's links. */
async function bannerLinks(summary: unknown): Promise<string[]> {
  const { window, document } = parseHTML('<html lang="en"><body><p>Product</p></body></html>');
  const script = document.createElement('script');
  Object.defineProperty(script, 'src', { value: `${SITE}embed/status-banner.js` });
  Object.defineProperty(document, 'currentScript', { value: script });
  const words = {
    dir: '',
    label: 'Test status',
    statuses: { under_maintenance: 'Under maintenance' },
    affected: '{status}: {components}',
    monitoring: 'Monitoring',
    more: 'More',
    dismiss: 'Dismiss',
    names: {},
    titles: {},
  };
  const config = {
    languages: { en: words },
    fallback: 'en',
    order: ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'],
    glyphs: {},
    colours: {},
    tints: {},
  };
  const code = SOURCE.replace('/* STATUSMARK_BANNER_CONFIG */ null', JSON.stringify(config));
  const fetch = () => Promise.resolve({ ok: true, json: () => Promise.resolve(summary) });
  // The script's globals, as a browser gives them; no storage (a privacy setting) and no timer.
  runInNewContext(code, {
    document,
    HTMLScriptElement: window.HTMLScriptElement,
    CustomEvent: window.CustomEvent,
    URL,
    Intl,
    fetch,
    setInterval: () => 0,
  });
  await new Promise((resolve) => setTimeout(resolve, 10));
  return [...document.querySelectorAll('[data-statusmark-banner] a')].map(
    (a) => a.getAttribute('href') ?? '',
  );
}

test("the banner links an occurrence of a recurring window to its line on the series' page", async () => {
  const links = await bannerLinks({
    components: [{ id: 'db', name: 'Database', status: 'under_maintenance' }],
    incidents: [],
    scheduled_maintenances: [
      { id: 'weekly-vacuum@2026-11-24', name: 'Weekly vacuum', status: 'in_progress' },
      { id: 'storage-move', name: 'Storage move', status: 'in_progress' },
    ],
  });
  expect(links).toEqual([
    `${SITE}maintenance/weekly-vacuum/#on-2026-11-24`,
    `${SITE}maintenance/storage-move/`,
    SITE,
  ]);
});
