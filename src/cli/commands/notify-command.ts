import type { Command } from '../command.ts';

/** notify's help and switches, until notify.ts (rewritten apart from this change) declares its own. */
const HELP = `statusmark notify [--dist dist] [--state .statusmark/notify-state.json] [--dry-run | --test CHANNEL]

After a deploy: sends each channel in site.yaml (notifications) every event that is new since the
state file (incident updates, maintenance announced, started and completed, postmortems published),
exactly once, then records them. The events are the published site's: the content at the clock the
site in --dist was built with. With no state file yet, only the last two hours are sent (--since TIME
changes that). Failed messages are retried within the run and by later runs for 24 hours. Exit
status 1 when a message could not be delivered (after trying every channel).

  --dry-run       print what would be sent; send nothing, change nothing
  --test CHANNEL  send one message marked [TEST] to that channel and print the receiver's answer
  --since DATE    send events from this date or time on (a first run's horizon, or to reach further back)
  --state-branch NAME
                  keep the state on that branch of origin (read before, committed and pushed after):
                  what the Deploy workflow does, whose runner starts empty each time
`;

export const command: Command = {
  name: 'notify',
  help: HELP,
  switches: ['dry-run'],
  run: async ({ args, env, now }) => (await import('./notify.ts')).notify(args, env, now),
};
