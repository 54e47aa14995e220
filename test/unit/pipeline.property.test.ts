import fc from 'fast-check';
import { describe, test } from 'vitest';
import { invalidContent, validContent } from '../fuzz/pipeline-properties.ts';

// A short search on every change; `npm run fuzz` searches the same properties at length
// (test/fuzz/pipeline.test.ts).

describe('random valid content through the whole pipeline', () => {
  test('validates, and the outputs keep their invariants', () => {
    fc.assert(validContent, { numRuns: 30 });
  });
});

describe('random invalid content', () => {
  test('is rejected with a message naming the file, never a crash', () => {
    fc.assert(invalidContent, { numRuns: 200 });
  });
});
