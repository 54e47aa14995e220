import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { keepYamlIn } from '../loader/front-matter.ts';

/**
 * The front matter of every content file, parsed once and kept between runs of the installed
 * command line (in node_modules/.cache/statusmark, one file per content folder): reading YAML is a
 * fifth of what a command does on a hundred incidents, and most files do not change between two
 * commands. A file is found by its whole text, so an edited file is parsed again; data JSON cannot
 * hold exactly (an infinite number, -0) is never kept. A cache that cannot be read or written is
 * simply not used.
 */

/** Whether JSON gives back exactly this value, as parsed YAML data. */
function keepable(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(keepable);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.entries(value).every(([key, item]) => key !== '__proto__' && keepable(item));
}

/** A short, stable name for a content folder (FNV-1a of its absolute path). */
function folderKey(root: string): string {
  let hash = 0x811c9dc5;
  for (const char of resolve(root)) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

interface Kept {
  file: string;
  /** YAML text → its data as JSON, as read from the file. */
  before: Map<string, string>;
  /** The entries this run used or added: what is written back. */
  used: Map<string, string>;
  added: number;
}

let kept: Kept | undefined;

/**
 * Keeps parsed YAML of the content folder `root` in `io.cacheDir` (undefined: not kept), written
 * back when the command ends.
 */
export function keepYamlFor(
  io: { cacheDir?: string; atEnd?: (finish: () => void) => void },
  root: string,
): void {
  const { cacheDir, atEnd } = io;
  if (!cacheDir || !atEnd || kept) return;
  atEnd(saveKeptYaml);
  const file = join(cacheDir, `yaml-${folderKey(root)}.json`);
  let before = new Map<string, string>();
  try {
    before = new Map(JSON.parse(readFileSync(file, 'utf8')) as [string, string][]);
  } catch {
    // No cache yet, or one that cannot be read: start a new one.
  }
  const state: Kept = { file, before, used: new Map(), added: 0 };
  kept = state;
  keepYamlIn({
    get(text) {
      const json = state.used.get(text) ?? state.before.get(text);
      if (typeof json !== 'string') return undefined;
      try {
        const data = JSON.parse(json) as unknown;
        state.used.set(text, json);
        return data;
      } catch {
        return undefined;
      }
    },
    set(text, data) {
      if (data === undefined || !keepable(data)) return;
      state.used.set(text, JSON.stringify(data));
      state.added++;
    },
  });
}

/** Writes what this run parsed back, when it differs from what was there, and stops keeping. */
export function saveKeptYaml(): void {
  const state = kept;
  kept = undefined;
  keepYamlIn(undefined);
  if (!state || (state.added === 0 && state.used.size === state.before.size)) return;
  // Written whole and renamed over the old one: a command running at the same time reads one or the other.
  const temporary = `${state.file}.${process.pid}.tmp`;
  try {
    mkdirSync(join(state.file, '..'), { recursive: true });
    writeFileSync(temporary, JSON.stringify([...state.used]));
    renameSync(temporary, state.file);
  } catch {
    // A cache that cannot be written (a read-only node_modules) costs the next run its parsing only;
    // a rename refused (Windows, while another command reads the file) leaves no copy to pile up.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written there, or nothing can be removed: either way, nothing more to do.
    }
  }
}
