import fc from 'fast-check';
import { describe, test } from 'vitest';
import { invalidContent, validContent } from './pipeline-properties.ts';
import { FUZZ, FUZZ_TIMEOUT } from './settings.ts';

// The properties test/unit/pipeline.property.test.ts searches briefly, at length.

describe('random valid content through the whole pipeline', () => {
  test('validates, and the outputs keep their invariants', () => fc.assert(validContent, FUZZ), FUZZ_TIMEOUT);
});

describe('random invalid content', () => {
  test(
    'is rejected with a message naming the file, never a crash',
    () => fc.assert(invalidContent, FUZZ),
    FUZZ_TIMEOUT,
  );
});
