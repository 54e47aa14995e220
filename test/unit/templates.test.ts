import { describe, expect, test } from 'vitest';
import { investigatingMessage, maintenanceMessage } from '../../src/domain/default-messages.ts';

describe('standard update wording', () => {
  test('names the affected components as a sentence does: "A and B are affected"', () => {
    const message = investigatingMessage({
      title: 'Elevated errors',
      affected: ['Compute instances', 'Management API'],
      nextUpdate: '14:30 UTC',
    });
    expect(message).toContain('Compute instances and Management API are affected.');
    expect(
      investigatingMessage({ title: 'x', affected: ['A', 'B', 'C'], nextUpdate: '14:30 UTC' }),
    ).toContain('A, B and C are affected.');
    expect(investigatingMessage({ title: 'x', affected: ['Webhooks'], nextUpdate: '14:30 UTC' })).toContain(
      'Webhooks is affected.',
    );
  });

  test('maintenance lists its components the same way', () => {
    expect(
      maintenanceMessage({ start: '02:00 UTC', end: '04:00 UTC', affected: ['Payouts', 'Dashboard'] }),
    ).toContain('maintenance on Payouts and Dashboard from');
  });
});
