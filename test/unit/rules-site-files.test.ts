import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../src/loader/problem.ts';
import { validateContent } from '../../src/loader/validate.ts';
import { baseTree, FIXTURE_NOW, validate } from '../helpers/tree.ts';

// What an author sees for one mistake of each rule on site.yaml, components.yaml and the folders.

const report = (tree: ReturnType<typeof baseTree>) => validate(tree).problems.map(formatProblem);

/** The base tree with a text appended to site.yaml. */
function siteWith(lines: string) {
  const tree = baseTree();
  tree.site = { file: 'content/site.yaml', text: `${tree.site!.text.trimEnd()}\n${lines}\n` };
  return tree;
}

describe('site.yaml and components.yaml (site-rules, component-rules)', () => {
  test('a missing site.yaml is named with what to write in it', () => {
    const tree = baseTree();
    delete tree.site;
    expect(report(tree)).toEqual([
      `${tree.root}/site.yaml  (file)  is missing; create it with name, url and description (see README, "Content")`,
    ]);
  });

  test('a missing components.yaml is named with what to write in it', () => {
    const tree = baseTree();
    delete tree.components;
    expect(report(tree)).toContain(
      `${tree.root}/components.yaml  (file)  is missing; create it with a list of components (id, name) (see README, "Content")`,
    );
  });
});

describe('translations (translation-rules)', () => {
  test('a component translated into a language the site is not built in is an error on its line', () => {
    const tree = baseTree();
    tree.components = {
      file: 'content/components.yaml',
      text: `${tree.components!.text.trimEnd()}\n  translations:\n    de:\n      name: Webseite\n`,
    };
    expect(report(tree)).toEqual([
      "content/components.yaml:9  [1].translations.de  is not one of the site's languages; list it in site.yaml, such as locales: [en, de], or remove this translation",
    ]);
  });
});

describe('notification channels (notification-rules)', () => {
  test('a channel filtered on a component that does not exist names the ones that do', () => {
    const tree = siteWith(
      'notifications:\n  - name: ops\n    type: slack\n    url_env: SLACK_URL\n    components: [api, payments]',
    );
    expect(report(tree)).toEqual([
      'content/site.yaml:8  notifications[0].components[1]  "payments" is not a component in components.yaml; use one of "api", "web"',
    ]);
  });
});

describe('the build clock (clock-rules)', () => {
  test('an unreadable STATUSMARK_NOW is a problem of the environment, with an example', () => {
    const result = validateContent(baseTree(), {
      statusmarkNow: 'yesterday',
      realNow: Date.parse(FIXTURE_NOW),
    });
    expect(result.problems.map(formatProblem)).toEqual([
      '(environment)  (file)  STATUSMARK_NOW="yesterday" is not an ISO time with a zone; use for example STATUSMARK_NOW=2026-11-20T14:30:00Z',
    ]);
    expect(result.content).toBeUndefined();
  });
});

describe('files that would be ignored (stray-rules)', () => {
  test('a file without .md in an entry folder, and a catalogue without .yaml, are named with the fix', () => {
    const tree = baseTree();
    tree.strays.push('content/incidents/2026-11-20-api-errors.txt', 'content/locales/de');
    expect(report(tree)).toEqual([
      'content/incidents/2026-11-20-api-errors.txt  (file)  is not a .md file and is ignored; rename it to end in .md, or move it out of the content folder',
      'content/locales/de  (file)  is not a .yaml file and is ignored; name a catalogue after its locale, such as locales/de.yaml',
    ]);
  });
});

describe('notification channels in a language (locale-rules)', () => {
  test('a channel locale without a catalogue is an error on its line, listing the languages there are', () => {
    const lines = report(
      siteWith('notifications:\n  - name: ops\n    type: slack\n    url_env: SLACK_URL\n    locale: sv'),
    );
    expect(lines).toEqual([
      expect.stringMatching(
        /^content\/site\.yaml:\d+ {2}notifications\[0\]\.locale {2}"sv" has no message catalogue; use one of de, en, es, fr, ja, nl, pt-BR, zh-CN$/,
      ),
    ]);
  });

  test('a shipped language is accepted', () => {
    const lines = report(
      siteWith('notifications:\n  - name: ops\n    type: slack\n    url_env: SLACK_URL\n    locale: de'),
    );
    expect(lines).toEqual([]);
  });
});
