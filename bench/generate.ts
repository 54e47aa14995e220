/**
 * Writes a synthetic but valid content tree: `count` incidents going back from `now`, with
 * postmortems for the P1/P2 ones and maintenance windows in realistic proportions (about one
 * postmortem per 10 incidents and one maintenance window per 20). Deterministic for a given count.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BENCH_NOW = '2026-11-23T12:00:00Z';

const COMPONENTS = ['api', 'checkout', 'payouts', 'webhooks', 'dashboard', 'docs', 'auth', 'reporting'];
const IMPACTS = ['degraded_performance', 'partial_outage', 'major_outage'] as const;
const DETECTIONS = ['alert', 'synthetic', 'customer', 'internal'];
const MITIGATIONS = ['rollback', 'hotfix', 'feature-flag', 'failover', 'config', 'scale'];

/** A small deterministic PRNG (mulberry32), so every run writes the same files. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const MIN = 60_000;

export interface GeneratedTree {
  dir: string;
  incidents: number;
  postmortems: number;
  maintenance: number;
}

/**
 * `perDay` packs the incidents that densely (a dense archive: up to ten a day) instead of spreading
 * them over three years.
 */
export function generateContent(dir: string, count: number, perDay?: number): GeneratedTree {
  rmSync(dir, { recursive: true, force: true });
  for (const sub of ['incidents', 'maintenance', 'postmortems'])
    mkdirSync(join(dir, sub), { recursive: true });
  const rand = random(count + (perDay ?? 0));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const now = Date.parse(BENCH_NOW);
  // A fixed span of three years before the clock, like a real company's history: a bigger archive
  // is a denser one (10,000 incidents are about nine a day), which is what stresses the home page.
  const SPAN_DAYS = perDay ? Math.ceil(count / perDay) + 2 : 3 * 365;
  const spacing = Math.floor(((SPAN_DAYS - 2) * 86_400_000) / count);
  const firstYear = new Date(now - SPAN_DAYS * 86_400_000).getUTCFullYear();

  writeFileSync(
    join(dir, 'site.yaml'),
    `name: Benchmark Co\nurl: https://status.bench.example\ndescription: A generated archive for benchmarks.\n`,
  );
  writeFileSync(
    join(dir, 'components.yaml'),
    COMPONENTS.map(
      (id, i) =>
        `- id: ${id}\n  name: ${id[0]!.toUpperCase()}${id.slice(1)}\n  group: Group ${i % 3}\n  since: ${firstYear}-01-01\n  slo: 99.9\n`,
    ).join(''),
  );

  let postmortems = 0;
  for (let i = 0; i < count; i++) {
    const started = now - 86_400_000 - i * spacing - Math.floor(rand() * 6 * 60) * MIN;
    const minutes = 10 + Math.floor(rand() * 180);
    const mitigated = started + minutes * MIN;
    const resolved = mitigated + (10 + Math.floor(rand() * 40)) * MIN;
    const severity = rand() < 0.1 ? pick(['P1', 'P2']) : pick(['P3', 'P4']);
    const components = [pick(COMPONENTS), ...(rand() < 0.3 ? [pick(COMPONENTS)] : [])];
    const id = `${iso(started).slice(0, 10)}-incident-${i}`;
    const first = started + 5 * MIN;
    const middle = started + Math.floor(minutes / 2) * MIN;
    writeFileSync(
      join(dir, 'incidents', `${id}.md`),
      [
        '---',
        `title: "Elevated errors in ${components.join(' and ')} (#${i})"`,
        `severity: ${severity}`,
        `started: ${iso(started)}`,
        `detected: ${iso(started + 3 * MIN)}`,
        `detection: ${pick(DETECTIONS)}`,
        `acknowledged: ${iso(started + 4 * MIN)}`,
        `mitigated: ${iso(mitigated)}`,
        `resolved: ${iso(resolved)}`,
        `mitigation: ${pick(MITIGATIONS)}`,
        'components:',
        ...[...new Set(components)].flatMap((c) => [`  - id: ${c}`, `    impact: ${pick(IMPACTS)}`]),
        'updates:',
        `  - at: ${iso(first)}`,
        '    status: investigating',
        '    message: We are investigating elevated error rates. Next update within 30 minutes.',
        `    next_update: ${iso(first + 30 * MIN)}`,
        `  - at: ${iso(Math.max(middle, first + MIN))}`,
        '    status: identified',
        '    message: We have identified the cause and are **rolling out a fix**.',
        `  - at: ${iso(mitigated + MIN)}`,
        '    status: monitoring',
        '    message: A fix is in place and we are monitoring.',
        `  - at: ${iso(resolved)}`,
        '    status: resolved',
        '    message: This incident is resolved.',
        '---',
        '',
        'A longer description of what customers saw, in a paragraph or two of Markdown.',
        '',
      ].join('\n'),
    );
    if (severity === 'P1' || severity === 'P2') {
      postmortems++;
      writeFileSync(
        join(dir, 'postmortems', `${id}.md`),
        [
          '---',
          `incident: ${id}`,
          `published: ${iso(resolved + 3 * 86_400_000 > now ? resolved + MIN : resolved + 3 * 86_400_000)}`,
          'authors: [Alex Doe]',
          'summary: Requests failed because a dependency was overloaded; we added capacity.',
          'impact:',
          '  description: A share of requests failed.',
          '  data_loss: false',
          'trigger: A traffic spike.',
          'root_causes: [Capacity was sized for average load.]',
          'contributing_factors:',
          '  - category: measurement',
          '    description: No alert on saturation.',
          'five_whys: [Why did requests fail? The dependency was saturated.]',
          'defenses:',
          '  - layer: Monitoring',
          '    held: false',
          'action_items:',
          '  - title: Alert on saturation',
          '    owner: Platform team',
          '    type: detect',
          '    priority: P2',
          `    status: ${pick(['open', 'in_progress', 'done'])}`,
          // Work finished early: done, with a due date after the clock.
          '  - title: Load-test the dependency before each season',
          '    owner: Platform team',
          '    type: prevent',
          '    priority: P3',
          '    status: done',
          `    due: ${iso(now + 60 * 86_400_000).slice(0, 10)}`,
          '---',
          '',
        ].join('\n'),
      );
    }
  }

  const windows = Math.max(1, Math.floor(count / 20));
  for (let i = 0; i < windows; i++) {
    const start = now + 3 * 86_400_000 - Math.floor((i * SPAN_DAYS * 86_400_000) / windows);
    writeFileSync(
      join(dir, 'maintenance', `${iso(start).slice(0, 10)}-maintenance-${i}.md`),
      [
        '---',
        `title: Scheduled maintenance ${i}`,
        `announced: ${iso(Math.min(now, start - 7 * 86_400_000))}`,
        `components: [${pick(COMPONENTS)}]`,
        `scheduled_start: ${iso(start)}`,
        `scheduled_end: ${iso(start + 2 * 60 * MIN)}`,
        '---',
        '',
      ].join('\n'),
    );
  }
  return { dir, incidents: count, postmortems, maintenance: windows };
}

// `tsx bench/generate.ts <dir> <count> [<per day>]` writes a tree by hand.
if (process.argv[1]?.endsWith('generate.ts') && process.argv[2]) {
  const perDay = process.argv[4] ? Number(process.argv[4]) : undefined;
  const tree = generateContent(process.argv[2], Number(process.argv[3] ?? 1000), perDay);
  console.log(
    `${tree.incidents} incidents, ${tree.postmortems} postmortems, ${tree.maintenance} maintenance windows in ${tree.dir}`,
  );
}
