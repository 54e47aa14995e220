import { ClockError, resolveBuildClock, type BuildClock, type ClockInput } from '../../time/clock.ts';
import type { ProblemCollector } from '../problem.ts';
import type { SiteFiles } from './rule.ts';

/**
 * Checks that the build clock (STATUSMARK_NOW, SOURCE_DATE_EPOCH, site.yaml's demo.now or the
 * machine's) is a plausible present. Without it nothing else can be checked: undefined then.
 */
export function checkBuildClock(
  files: SiteFiles,
  clockInput: Omit<ClockInput, 'demoNow'>,
  report: ProblemCollector,
): BuildClock | undefined {
  try {
    return resolveBuildClock({ ...clockInput, demoNow: files.site?.value?.demo?.now });
  } catch (error) {
    if (!(error instanceof ClockError)) throw error;
    report.error('(environment)', undefined, '', error.message);
    return undefined;
  }
}
