import { isAbsolute, join } from 'node:path';
import type { ClockInput } from '../time/clock.ts';

/** What a build or a command is pointed at, worked out once from options and the environment. */
export interface Settings {
  /** The content folder: absolute, or relative to the working directory. */
  contentDir: string;
  /** Base path the site is served under, such as `/` or `/status/`. */
  base: string;
  /** Clock overrides; the demo clock of site.yaml and the real clock come in at validation. */
  clock: Pick<ClockInput, 'statusmarkNow' | 'sourceDateEpoch'>;
}

/** The options a site may give `statusmark()` or a command line; see src/integration/options.ts. */
export interface SettingsOptions {
  content?: string | undefined;
  base?: string | undefined;
  now?: string | undefined;
}

/**
 * The environment wins over options: it is how one run (a test, a benchmark, a Pages deploy under
 * `/<repository>/`) points an unchanged site somewhere else. An empty variable counts as unset.
 */
export function resolveSettings(
  options: SettingsOptions,
  env: Record<string, string | undefined>,
  root: string,
  astroBase = '/',
): Settings {
  const pick = (name: string, option: string | undefined) => (env[name] ? env[name] : option);
  const content = pick('STATUSMARK_CONTENT', options.content) ?? 'content';
  return {
    contentDir: isAbsolute(content) || root === '' ? content : join(root, content),
    base: pick('STATUSMARK_BASE', options.base) ?? astroBase,
    clock: {
      statusmarkNow: pick('STATUSMARK_NOW', options.now),
      sourceDateEpoch: env.SOURCE_DATE_EPOCH || undefined,
    },
  };
}
