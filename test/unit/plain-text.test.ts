import { describe, expect, test } from 'vitest';
import { toPlainText } from '../../src/text/plain-text.ts';

describe('toPlainText', () => {
  test.each([
    ['AT&T fixed it.', 'AT&T fixed it.'],
    ['Costs went up 5% (not 50%) *today*.', 'Costs went up 5% (not 50%) today.'],
    [
      'See [the runbook](https://example.com/runbook) for `db_primary-1`.',
      'See the runbook for db_primary-1.',
    ],
    ['Resolved <script>alert(1)</script> docs \\<iframe src=//evil.example>', 'Resolved docs'],
    ['<img src=x onerror=alert(1)> Fixed.', 'Fixed.'],
    ['A ![pixel](https://evil.example/p.png) image.', 'A image.'],
    ['First.\n\n- one\n- two', 'First.\n\none\ntwo'],
    ['a < b and 5 > 3', 'a < b and 5 > 3'],
    ['Open <img src=x onerror=alert(1)', 'Open ‹img src=x onerror=alert(1)'],
  ])('%j reads %j', (markdown, text) => {
    expect(toPlainText(markdown)).toBe(text);
  });
});
