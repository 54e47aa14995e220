import type { APIContext } from 'astro';
import { describe, expect, test } from 'vitest';
import { GET } from '../../src/routes/api/v2/[...doc].ts';
import { perContent, publishContent } from '../../src/site/content-store.ts';
import { baseTree, validate } from '../helpers/tree.ts';

/** The content of the base fixture, and the same after its author retitled the incident. */
function twoContents() {
  const before = validate(baseTree()).content!;
  const edited = baseTree();
  edited.incidents[0]!.text = edited.incidents[0]!.text.replace(/^title: .*$/m, 'title: Retitled in dev');
  const after = validate(edited).content!;
  return { before, after };
}

/** What /api/v2/<doc>.json serves while `content` is the published content. */
async function served(doc: string): Promise<unknown> {
  const response = await GET({ params: { doc }, site: undefined } as unknown as APIContext);
  return response.json();
}

describe('the API documents follow the content, as every page does under astro dev', () => {
  test('after a content change the API serves documents of the new content', async () => {
    const { before, after } = twoContents();
    publishContent(before);
    const first = (await served('incidents.json')) as { incidents: { name: string }[] };
    publishContent(after);
    const second = (await served('incidents.json')) as { incidents: { name: string }[] };
    expect(first.incidents.map((i) => i.name)).not.toContain('Retitled in dev');
    expect(second.incidents.map((i) => i.name)).toContain('Retitled in dev');
  });

  test('one content, one set of documents; two contents, two', () => {
    const { before, after } = twoContents();
    let made = 0;
    const cached = perContent((content, key) => ({ title: content.incidents[0]?.title, key, made: ++made }));
    expect(cached(before, 'https://a.example/')).toBe(cached(before, 'https://a.example/'));
    expect(cached(after, 'https://a.example/')).not.toBe(cached(before, 'https://a.example/'));
    expect(cached(before, 'https://b.example/').key).toBe('https://b.example/');
    expect(made).toBe(3);
  });
});
