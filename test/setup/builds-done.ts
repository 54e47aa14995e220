import { forgetSharedBuilds, sharedBuildsDone } from './shared-builds.ts';

/** The last setup of a tier that shares builds: no test starts before they have all finished. */
export default async function setup() {
  await sharedBuildsDone();
  return forgetSharedBuilds;
}
