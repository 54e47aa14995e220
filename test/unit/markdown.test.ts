import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../../src/text/markdown.ts';

describe('code in content', () => {
  test('a fenced block renders as pre/code with its language class and no inline style the CSP would block', () => {
    const html = renderMarkdown('Run this:\n\n```js\nconst retries = 3; // <script>\n```\n');
    expect(html).toContain('<pre><code class="language-js">');
    expect(html).toContain('const retries = 3; // &#x3C;script>');
    expect(html).not.toMatch(/\sstyle=/);
  });
});
