import { stringify } from 'yaml';
import { baseTree } from '../helpers/tree.ts';

/** The texts a fuzz test puts into its incident and maintenance window. */
interface FuzzedTexts {
  title: string;
  /** The incident's first update and the window's announcement. */
  message: string;
  /** The incident's resolving update. */
  resolvedMessage: string;
  /** The incident's Markdown body. */
  body: string;
  windowTitle: string;
  windowBody: string;
}

/** The base site with an incident and a maintenance window whose texts are the fuzzed ones, written as YAML would. */
export function fuzzedTree(texts: FuzzedTexts) {
  const { title, message, resolvedMessage, body, windowTitle, windowBody } = texts;
  const tree = baseTree();
  tree.incidents.push({
    file: 'fuzz/incidents/2026-11-20-fuzz.md',
    text: `---\n${stringify({
      title,
      severity: 'P2',
      started: '2026-11-20T10:00:00Z',
      mitigated: '2026-11-20T11:00:00Z',
      resolved: '2026-11-20T11:30:00Z',
      components: [{ id: 'api', impact: 'major_outage' }],
      updates: [
        { at: '2026-11-20T10:05:00Z', status: 'investigating', message },
        { at: '2026-11-20T11:30:00Z', status: 'resolved', message: resolvedMessage },
      ],
    })}---\n${body}\n`,
  });
  tree.maintenance.push({
    file: 'fuzz/maintenance/2026-11-25-fuzz.md',
    text: `---\n${stringify({
      title: windowTitle,
      announced: '2026-11-20T09:00:00Z',
      scheduled_start: '2026-11-25T10:00:00Z',
      scheduled_end: '2026-11-25T11:00:00Z',
      components: ['api'],
      updates: [{ at: '2026-11-20T09:00:00Z', status: 'scheduled', message }],
    })}---\n${windowBody}`,
  });
  return tree;
}
