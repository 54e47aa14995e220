/**
 * `npm test`'s checks that need no build: after `astro sync`, astro check (types), then Prettier and
 * knip, side by side with ESLint, whose type-aware rules take as long as the rest together. Each lane's output is printed whole
 * when it ends, so the two never interleave; the exit status is 1 when any check failed.
 */
import { spawn } from 'node:child_process';

type Step = [command: string, ...args: string[]];

const bin = (name: string) => `node_modules/.bin/${name}`;
const LANES: Step[][] = [
  [[bin('astro'), 'check'], [bin('prettier'), '--check', '.'], [bin('knip')]],
  [[bin('eslint'), '.']],
];

function runStep([command, ...args]: Step): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    let output = `\n> ${[command.replace('node_modules/.bin/', ''), ...args].join(' ')}\n`;
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function runLane(steps: Step[]): Promise<number> {
  for (const step of steps) {
    const { code, output } = await runStep(step);
    process.stdout.write(output);
    if (code !== 0) return code;
  }
  return 0;
}

// ESLint's type-aware rules read the types Astro generates (.astro/types.d.ts): make them first.
const synced = await runLane([[bin('astro'), 'sync']]);
const codes = synced === 0 ? await Promise.all(LANES.map(runLane)) : [synced];
process.exitCode = codes.some((code) => code !== 0) ? 1 : 0;
