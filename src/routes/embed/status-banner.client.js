// Statusmark's status banner (docs/embedding.md): a product includes
//   <script src="https://status.example.com/embed/status-banner.js" async></script>
// on its own pages. It reads the status site's summary.json and shows a banner at the top of the page
// only while something is wrong: the status in words, a link to each incident, a link to the status
// page, and a button that dismisses it until something new happens. No dependencies; the words come
// in the status site's languages (the build writes them in place of the null below).
(() => {
  'use strict';

  /**
   * @typedef {{ id: string, name: string, status: string, group?: boolean }} Part
   * @typedef {{ id: string, name: string, status: string }} Happening
   * @typedef {{ components: Part[], incidents: Happening[], scheduled_maintenances: Happening[] }} Summary
   * @typedef {{ dir: string, label: string, statuses: Record<string, string>, affected: string,
   *   monitoring: string, more: string, dismiss: string, names: Record<string, string>,
   *   titles: Record<string, string> }} Words
   * @typedef {{ languages: Record<string, Words>, fallback: string, order: string[],
   *   glyphs: Record<string, string>, colours: Record<string, string>, tints: Record<string, string> }} Config
   */

  const config = /** @type {Config | null} */ (/* STATUSMARK_BANNER_CONFIG */ null);
  const script = document.currentScript;
  if (!config || !(script instanceof HTMLScriptElement)) return;

  // The script lives at <site>/embed/status-banner.js: the site is one folder up.
  const root = new URL('../', script.src);
  const tags = Object.keys(config.languages);
  const wanted = (script.dataset.lang || document.documentElement.lang || '').toLowerCase();
  const tag =
    tags.find((t) => t.toLowerCase() === wanted) ||
    tags.find((t) => t.toLowerCase().split('-')[0] === wanted.split('-')[0]) ||
    config.fallback;
  const words = /** @type {Words} */ (config.languages[tag]);
  const storageKey = `statusmark-banner:${root.href}`;
  const rank = (/** @type {string} */ status) => config.order.indexOf(status);

  /** The live region: on the page from the start, empty while all is well, so that what appears in it is read out. */
  const region = document.createElement('div');
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  region.setAttribute('aria-label', words.label);
  region.setAttribute('lang', tag);
  region.dataset.statusmarkBanner = '';
  let shown = '';

  const remembered = () => {
    try {
      return localStorage.getItem(storageKey);
    } catch {
      return null; // storage refused (a privacy setting): the banner cannot be kept dismissed
    }
  };

  /** @param {string} tagName @param {Partial<CSSStyleDeclaration>} style @param {string} [text] */
  const element = (tagName, style, text) => {
    const el = document.createElement(tagName);
    Object.assign(el.style, style);
    if (text !== undefined) el.textContent = text;
    return el;
  };

  /** @param {string} text @param {string} href */
  const link = (text, href) => {
    const a = /** @type {HTMLAnchorElement} */ (
      element('a', { color: '#0550ae', textDecoration: 'underline' }, text)
    );
    a.href = href;
    return a;
  };

  /** @param {Summary} summary */
  const render = (summary) => {
    const parts = summary.components.filter((c) => !c.group);
    const worst = parts.reduce((w, c) => (rank(c.status) > rank(w) ? c.status : w), 'operational');
    const incidents = summary.incidents;
    const maintenance = summary.scheduled_maintenances.filter(
      (m) => m.status === 'in_progress' || m.status === 'verifying',
    );
    const wrong = worst !== 'operational' || incidents.length > 0;
    // Dismissed for these incidents and windows at this status: a new one, or a change of status, shows it again.
    const key = [worst, ...[...incidents, ...maintenance].map((h) => h.id).sort()].join(' ');
    document.dispatchEvent(
      new CustomEvent('statusmark:banner', {
        detail: { wrong, worst, shown: wrong && remembered() !== key },
      }),
    );
    if (!wrong || remembered() === key) {
      region.replaceChildren();
      shown = '';
      return;
    }
    const names = parts
      .filter((c) => c.status === worst && worst !== 'operational')
      .map((c) => words.names[c.id] || c.name);
    const headline =
      worst === 'operational'
        ? words.monitoring
        : words.affected
            .replace('{status}', words.statuses[worst] || worst)
            .replace('{components}', new Intl.ListFormat(tag, { type: 'conjunction' }).format(names));
    const fingerprint = `${key}\n${headline}`;
    if (fingerprint === shown) return; // the same news: not read out again
    shown = fingerprint;

    const box = element('div', {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: '0.25rem 0.75rem',
      padding: '0.6rem 1rem',
      background: config.tints[worst] || '#ddf4ff',
      color: '#1b1f24',
      borderLeft: `4px solid ${config.colours[worst] || '#0969da'}`,
      font: '15px/1.4 system-ui, sans-serif',
    });
    const text = element('p', { margin: '0', flex: '1 1 20rem' });
    const glyph = element(
      'span',
      { color: config.colours[worst] || '', marginRight: '0.4rem' },
      config.glyphs[worst] || '',
    );
    glyph.setAttribute('aria-hidden', 'true');
    text.append(glyph, element('strong', {}, headline));
    for (const happening of [...incidents, ...maintenance]) {
      // A recurring window's occurrence is "<id>@<date>": its line on the series' page (maintenanceHref).
      const [id = '', date] = happening.id.split('@');
      const href = incidents.includes(happening)
        ? new URL(`${words.dir}incidents/${encodeURIComponent(happening.id)}/`, root).href
        : new URL(`${words.dir}maintenance/${encodeURIComponent(id)}/${date ? `#on-${date}` : ''}`, root)
            .href;
      text.append(' · ', link(words.titles[happening.id] || happening.name, href));
    }
    text.append(' · ', link(words.more, new URL(words.dir, root).href));
    const button = /** @type {HTMLButtonElement} */ (
      element(
        'button',
        {
          font: 'inherit',
          color: 'inherit',
          background: 'transparent',
          border: '1px solid currentColor',
          borderRadius: '4px',
          padding: '0 0.5rem',
          cursor: 'pointer',
          lineHeight: '1.6',
        },
        '×',
      )
    );
    button.type = 'button';
    button.setAttribute('aria-label', words.dismiss);
    button.title = words.dismiss;
    button.addEventListener('click', () => {
      try {
        localStorage.setItem(storageKey, key);
      } catch {
        // kept for this page only
      }
      region.replaceChildren();
    });
    box.append(text, button);
    region.replaceChildren(box);
  };

  const read = () =>
    fetch(new URL('api/v2/summary.json', root), { cache: 'no-cache' })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`${response.status}`))))
      .then((/** @type {Summary} */ summary) => render(summary))
      .catch(() => {
        // The status site cannot be reached: nothing is shown rather than a wrong all-clear or alarm.
      });

  const start = () => {
    const target = script.dataset.target ? document.querySelector(script.dataset.target) : null;
    if (target) target.append(region);
    else document.body.prepend(region);
    void read();
    // The site is rebuilt every few minutes; the banner follows it while the page stays open.
    setInterval(() => void read(), 5 * 60_000);
  };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
