import { describe, expect, test } from 'vitest';
import {
  isHiddenCommit,
  listIncidentEdits,
  listPostmortemEdits,
  readIncidentVersion,
  readPostmortemVersion,
  type EditChange,
  type FileVersion,
  type IncidentVersion,
  type PostmortemVersion,
} from '../../src/domain/edit-history.ts';
import { describeChange } from '../../src/domain/edit-descriptions.ts';
import { inLocale } from '../../src/domain/content.ts';
import { localeOf, loadCatalogues } from '../../src/loader/catalogues.ts';
import { siteContent } from '../helpers/entries.ts';

const NOW = Date.parse('2026-11-30T00:00:00Z');
const at = (text: string) => Date.parse(text);

/** An incident as its author wrote it on Nov 21, with `fields` changed. */
function incident(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Elevated API errors',
    severity: 'P2',
    started: '2026-11-21T14:10:00Z',
    components: [{ id: 'api', impact: 'partial_outage' }],
    updates: [
      { at: '2026-11-21T14:20:00Z', status: 'investigating', message: 'We are looking into errors.' },
    ],
    ...fields,
  };
}

let commits = 0;
/** A commit of the file on a day, with its message. */
function version<T>(
  read: (data: unknown, body: string) => T,
  when: string,
  data: Record<string, unknown>,
  message = 'Update',
  body = '',
): FileVersion<T> {
  commits += 1;
  return { commit: `c${commits}`, at: at(when), message, data: read(data, body) };
}
const inc = (when: string, data: Record<string, unknown>, message?: string, body?: string) =>
  version<IncidentVersion>((d, b) => readIncidentVersion(d, b, 'UTC'), when, data, message, body);
const pm = (when: string, data: Record<string, unknown>, message?: string, body?: string) =>
  version<PostmortemVersion>(readPostmortemVersion, when, data, message, body);

const changesOf = (entries: { changes: EditChange[] }[]) => entries.flatMap((e) => e.changes);

describe('an incident’s edits after its first commit', () => {
  test('a moved start and a raised severity are listed with the commit that made them', () => {
    const edits = listIncidentEdits(
      [
        inc('2026-11-21T14:25:00Z', incident(), 'Open incident'),
        inc(
          '2026-11-22T09:00:00Z',
          incident({ started: '2026-11-21T14:02:00Z', severity: 'P1' }),
          'Correct start',
        ),
      ],
      NOW,
    );
    expect(edits.map(({ at, changes }) => ({ at, changes }))).toEqual([
      {
        at: at('2026-11-22T09:00:00Z'),
        changes: [
          { kind: 'severity', from: 'P2', to: 'P1' },
          {
            kind: 'time_moved',
            field: 'started',
            from: at('2026-11-21T14:10:00Z'),
            to: at('2026-11-21T14:02:00Z'),
          },
        ],
      },
    ]);
  });

  test('the first commit lists nothing: it is what was published', () => {
    expect(listIncidentEdits([inc('2026-11-21T14:25:00Z', incident())], NOW)).toEqual([]);
  });

  test('posting a new update and resolving are the incident’s progress, not edits', () => {
    const resolved = incident({
      mitigated: '2026-11-21T15:00:00Z',
      resolved: '2026-11-21T15:30:00Z',
      updates: [
        ...(incident().updates as object[]),
        { at: '2026-11-21T15:30:00Z', status: 'resolved', message: 'Fixed.' },
      ],
    });
    expect(
      listIncidentEdits(
        [inc('2026-11-21T14:25:00Z', incident()), inc('2026-11-21T15:31:00Z', resolved)],
        NOW,
      ),
    ).toEqual([]);
  });

  test('an update’s message edited, an update removed and an update’s time moved are listed', () => {
    const two = incident({
      updates: [
        { at: '2026-11-21T14:20:00Z', status: 'investigating', message: 'We are looking into errors.' },
        { at: '2026-11-21T14:40:00Z', status: 'identified', message: 'A bad deploy.' },
        { at: '2026-11-21T14:50:00Z', status: 'monitoring', message: 'Rolled back.' },
      ],
    });
    const edited = incident({
      updates: [
        { at: '2026-11-21T14:20:00Z', status: 'investigating', message: 'We are looking into API errors.' },
        { at: '2026-11-21T14:55:00Z', status: 'monitoring', message: 'Rolled back.' },
      ],
    });
    expect(
      changesOf(
        listIncidentEdits([inc('2026-11-21T15:00:00Z', two), inc('2026-11-22T10:00:00Z', edited)], NOW),
      ),
    ).toEqual([
      { kind: 'update_edited', at: at('2026-11-21T14:20:00Z') },
      { kind: 'update_removed', at: at('2026-11-21T14:40:00Z') },
      { kind: 'update_moved', from: at('2026-11-21T14:50:00Z'), to: at('2026-11-21T14:55:00Z') },
    ]);
  });

  test('words written later for an update known only by its time are an edit of it', () => {
    const timeOnly = incident({ updates: [{ at: '2026-11-21T14:20:00Z' }] });
    expect(
      changesOf(
        listIncidentEdits(
          [inc('2026-11-21T15:00:00Z', timeOnly), inc('2026-11-22T10:00:00Z', incident())],
          NOW,
        ),
      ),
    ).toEqual([{ kind: 'update_edited', at: at('2026-11-21T14:20:00Z') }]);
  });

  test('components added and removed, and a changed peak impact, are listed; the title and text too', () => {
    const after = incident({
      title: 'API errors in Europe',
      components: [
        { id: 'api', impact: 'degraded_performance' },
        { id: 'api', impact: 'major_outage' },
        { id: 'webhooks', impact: 'degraded_performance' },
      ],
    });
    const before = incident({
      components: [
        { id: 'api', impact: 'partial_outage' },
        { id: 'web', impact: 'degraded_performance' },
      ],
    });
    expect(
      changesOf(
        listIncidentEdits(
          [
            inc('2026-11-21T15:00:00Z', before, 'Open', 'Old text.'),
            inc('2026-11-22T10:00:00Z', after, 'Edit', 'New text.'),
          ],
          NOW,
        ),
      ),
    ).toEqual([
      { kind: 'title', from: 'Elevated API errors', to: 'API errors in Europe' },
      { kind: 'impact', component: 'api', from: 'partial_outage', to: 'major_outage' },
      { kind: 'component_removed', component: 'web' },
      { kind: 'component_added', component: 'webhooks' },
      { kind: 'text_edited', part: 'body' },
    ]);
  });

  test('a time written "about …" or as a date is read as the loader reads it', () => {
    const edits = listIncidentEdits(
      [
        inc('2026-11-21T15:00:00Z', incident({ started: 'about 2026-11-21T14:10:00Z' })),
        inc('2026-11-22T10:00:00Z', incident({ started: '2026-11-21T14:10:00Z', detected: '2026-11-21' })),
        inc(
          '2026-11-23T10:00:00Z',
          incident({ started: '2026-11-21T14:10:00Z', detected: '2026-11-21T14:15:00Z' }),
        ),
      ],
      NOW,
    );
    expect(changesOf(edits)).toEqual([
      {
        kind: 'time_moved',
        field: 'detected',
        from: at('2026-11-21T00:00:00Z'),
        to: at('2026-11-21T14:15:00Z'),
      },
    ]);
  });

  test('a commit marked [typo] or with the trailer "Edit-history: skip" is hidden, and the next is compared with it', () => {
    const edits = listIncidentEdits(
      [
        inc('2026-11-21T15:00:00Z', incident()),
        inc('2026-11-22T10:00:00Z', incident({ title: 'Elevated API erors' }), 'Fix wording [typo]'),
        inc(
          '2026-11-22T11:00:00Z',
          incident({ title: 'Elevated API errors!' }),
          'Reword\n\nEdit-history: skip\n',
        ),
        inc(
          '2026-11-23T10:00:00Z',
          incident({ title: 'Elevated API errors!', severity: 'P3' }),
          'Lower severity',
        ),
      ],
      NOW,
    );
    expect(edits.map((e) => e.at)).toEqual([at('2026-11-23T10:00:00Z')]);
    expect(changesOf(edits)).toEqual([{ kind: 'severity', from: 'P2', to: 'P3' }]);
  });

  test('what may hide a commit, and what does not', () => {
    expect(isHiddenCommit('Fix a typo [typo]')).toBe(true);
    expect(isHiddenCommit('Spelling\n\nEdit-history: skip')).toBe(true);
    expect(isHiddenCommit('Fix a typo')).toBe(false);
    expect(isHiddenCommit('Explain why Edit-history: skip is not used here')).toBe(false);
  });

  test('commits after the build clock and versions that do not parse are left out', () => {
    const edits = listIncidentEdits(
      [
        inc('2026-11-21T15:00:00Z', incident()),
        { commit: 'broken', at: at('2026-11-22T10:00:00Z'), message: 'Broken YAML', data: undefined },
        inc('2026-11-23T10:00:00Z', incident({ severity: 'P1' })),
        inc('2026-12-05T10:00:00Z', incident({ severity: 'P3' })),
      ],
      NOW,
    );
    expect(changesOf(edits)).toEqual([{ kind: 'severity', from: 'P2', to: 'P1' }]);
  });
});

describe('a postmortem’s edits after it was published', () => {
  const published = {
    incident: 'api-errors',
    published: '2026-11-25T10:00:00Z',
    summary: 'A bad deploy broke the API for 40 minutes.',
    impact: { description: 'Half of all API requests failed.', data_loss: false },
    root_causes: ['The deploy skipped the canary stage.'],
    action_items: [
      {
        title: 'Add a canary stage',
        owner: 'Platform team',
        type: 'prevent',
        priority: 'P2',
        status: 'open',
      },
      { title: 'Alert on error rate', owner: 'SRE', type: 'detect', priority: 'P2', status: 'open' },
    ],
  };

  test('the drafts and the commit that publishes are not edits; what changes afterwards is', () => {
    const edits = listPostmortemEdits(
      [
        pm('2026-11-22T10:00:00Z', { incident: 'api-errors', draft: true, summary: 'TODO' }),
        pm('2026-11-24T10:00:00Z', { ...published, draft: true }),
        pm('2026-11-25T10:00:00Z', published, 'Publish'),
        pm(
          '2026-11-26T10:00:00Z',
          {
            ...published,
            summary: 'A bad deploy broke the API for 55 minutes.',
            impact: { description: 'Half of all API requests failed.', data_loss: true },
            action_items: [{ ...published.action_items[0], status: 'done', completed: '2026-11-26' }],
          },
          'Correct duration',
        ),
      ],
      NOW,
    );
    expect(edits.map((e) => e.at)).toEqual([at('2026-11-26T10:00:00Z')]);
    expect(changesOf(edits)).toEqual([
      { kind: 'text_edited', part: 'summary' },
      { kind: 'data_loss', to: true },
      { kind: 'action_item_removed', title: 'Alert on error rate' },
    ]);
  });

  test('an action item done is progress, not an edit', () => {
    const done = {
      ...published,
      action_items: published.action_items.map((item) => ({
        ...item,
        status: 'done',
        completed: '2026-11-27',
      })),
    };
    expect(
      listPostmortemEdits([pm('2026-11-25T10:00:00Z', published), pm('2026-11-27T10:00:00Z', done)], NOW),
    ).toEqual([]);
  });
});

describe('the changes in words', () => {
  const content = siteContent();
  const german = (() => {
    const set = loadCatalogues([], ['en', 'de'], []);
    const locales = [content.locale, localeOf(set, 'de', 'UTC')!];
    return inLocale({ ...content, locales }, 'de');
  })();
  const text = (html: string) => html.replace(/<[^>]+>/g, '');

  test('a moved time is a sentence with two <time> elements', () => {
    const html = describeChange(content, {
      kind: 'time_moved',
      field: 'started',
      from: at('2026-11-21T14:10:00Z'),
      to: at('2026-11-21T14:02:00Z'),
    });
    expect(html).toBe(
      'Start of impact moved from <time datetime="2026-11-21T14:10:00Z">Nov 21, 2026, 14:10 UTC</time> to <time datetime="2026-11-21T14:02:00Z">Nov 21, 2026, 14:02 UTC</time>',
    );
  });

  test('severity raised or lowered follows the site’s scale, highest first', () => {
    expect(describeChange(content, { kind: 'severity', from: 'P2', to: 'P1' })).toBe(
      'Severity raised from P2 to P1',
    );
    expect(describeChange(content, { kind: 'severity', from: 'P1', to: 'P3' })).toBe(
      'Severity lowered from P1 to P3',
    );
    expect(describeChange(content, { kind: 'severity', from: 'SEV9', to: 'P3' })).toBe(
      'Severity changed from SEV9 to P3',
    );
  });

  test('components by name, the author’s words escaped', () => {
    expect(
      describeChange(content, {
        kind: 'impact',
        component: 'api',
        from: 'partial_outage',
        to: 'major_outage',
      }),
    ).toBe('Impact on API changed from partial outage to major outage');
    expect(describeChange(content, { kind: 'title', from: 'A <b>', to: 'B' })).toBe(
      'Title changed from “A &lt;b&gt;” to “B”',
    );
  });

  test('in German', () => {
    expect(text(describeChange(german, { kind: 'severity', from: 'P2', to: 'P1' }))).toBe(
      'Schweregrad von P2 auf P1 erhöht',
    );
    expect(text(describeChange(german, { kind: 'update_removed', at: at('2026-11-21T14:40:00Z') }))).toBe(
      'Meldung vom 21. Nov. 2026, 14:40 UTC entfernt',
    );
  });
});
