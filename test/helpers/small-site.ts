import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp.ts';

/** A Dutch site.yaml in Amsterdam time, as `init --locale nl` leaves it apart from the description. */
export const DUTCH_SITE = `name: Fietsdeel
url: https://status.fietsdeel.example
description: Actuele status van Fietsdeel.
time_zone: Europe/Amsterdam
locale: nl
`;

/**
 * A content folder with one component (app, "App") and one open incident, 2026-12-06-kaart, opened at
 * 21:00 UTC on 6 December 2026: small enough that a command on it takes milliseconds.
 */
export function smallSite(site = DUTCH_SITE): string {
  const root = tempDir('small-site');
  mkdirSync(join(root, 'incidents'));
  writeFileSync(join(root, 'site.yaml'), site);
  writeFileSync(join(root, 'components.yaml'), '- id: app\n  name: App\n  since: 2026-12-01\n');
  writeFileSync(
    join(root, 'incidents', '2026-12-06-kaart.md'),
    `---
title: Kaart laadt traag
severity: P3
started: 2026-12-06T21:00:00Z
components:
  - { id: app, impact: degraded_performance }
updates:
  - { at: 2026-12-06T21:00:00Z, status: investigating, message: We kijken ernaar. }
---
`,
  );
  return root;
}
