import { existsSync, lstatSync, readlinkSync, realpathSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { AstroIntegration } from 'astro';

/**
 * Where a build writes, and how its result replaces the published folder. Astro empties its output
 * folder before it writes; a build that then fails (a crash, a kill, a full disk) would leave the
 * site empty, and a scheduled deploy would publish nothing. So a build writes into a fresh folder
 * beside the output folder, and only a build that finished swaps it in: two renames on one file
 * system, so the output folder is always a whole site, the old one or the new one.
 */
export function stagingFolder(outDir: string): string {
  const folder = outDir.replace(/[\\/]+$/, '');
  return join(dirname(folder), `.${basename(folder)}.building`);
}

/** Moves a finished build into place; the previous site is removed only after the new one is there. */
export function swapIn(staging: string, outDir: string): void {
  const folder = outDir.replace(/[\\/]+$/, '');
  const previous = join(dirname(folder), `.${basename(folder)}.previous`);
  rmSync(previous, { recursive: true, force: true });
  if (existsSync(folder)) renameSync(folder, previous);
  renameSync(staging, folder);
  rmSync(previous, { recursive: true, force: true });
}

/** A folder as configured, and where it really is once symbolic links are followed. */
export interface Folder {
  path: string;
  real: string;
}

/** A folder a build must not replace or write into: the content, the project, its sources. */
export interface GuardedFolder extends Folder {
  /** In words, such as "the content folder". */
  name: string;
  /** What a build into it would do, such as "delete the content". */
  loss: string;
  /** Whether an output folder may lie inside it (the project's own dist/, say). */
  mayHoldOutput: boolean;
}

/**
 * Why a build may not write to `out`, or undefined when it may. Astro empties its output folder, and
 * the build replaces it whole: an output folder that is a guarded folder or holds one would delete
 * it, one inside a guarded folder (other than the project) would write into it. Compared by real
 * paths, so that a symbolic link (`content -> dist/content`, an output folder `.`) changes nothing.
 */
export function outputOverlap(out: Folder, guarded: readonly GuardedFolder[]): string | undefined {
  for (const folder of guarded) {
    const relation = relationOf(out.real, folder);
    if (relation === undefined) continue;
    // The paths as configured, unless only their real places overlap: then those are the news.
    const plain = relationOf(resolve(out.path), { ...folder, real: resolve(folder.path) }) === relation;
    const shown = (f: Folder) =>
      plain || f.real === resolve(f.path) ? f.path : `${f.path} (really ${f.real})`;
    const outcome = relation === 'is inside' ? `write into ${folder.name}` : folder.loss;
    return `The output folder ${shown(out)} ${relation} ${folder.name} ${shown(folder)}; a build would ${outcome}.`;
  }
  return undefined;
}

/** How an output folder lies to a guarded folder, if it is one the build may not write to. */
function relationOf(out: string, folder: GuardedFolder): 'is' | 'holds' | 'is inside' | undefined {
  const inside = (child: string, parent: string) =>
    child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
  if (out === folder.real) return 'is';
  if (inside(folder.real, out)) return 'holds';
  if (inside(out, folder.real) && !folder.mayHoldOutput) return 'is inside';
  return undefined;
}

/** The folders of a build, absolute: where it writes, and what it must leave alone. */
export interface BuildFolders {
  out: string;
  content: string;
  project: string;
  src: string;
  public: string;
}

/**
 * Why a build may not write to its output folder (outputOverlap, on the folders' real places). The
 * staging folder is checked too, as Astro empties it: a symbolic link left at its name is removed,
 * the link itself, never what it points to.
 */
export function outputProblem(folders: BuildFolders): string | undefined {
  const out = placed(folders.out);
  const guarded = guardedFolders(folders);
  const overlap = outputOverlap(out, guarded);
  if (overlap) return overlap;
  if (isLink(out.path))
    return `The output folder ${out.path} is a symbolic link (to ${out.real}); a build replaces the output folder whole, so it would replace the link rather than write where it points. Set the output folder to ${out.real} itself, or remove the link.`;
  const staging = stagingFolder(out.path);
  if (isLink(staging)) unlinkSync(staging);
  return outputOverlap(placed(staging), guarded)?.replace(
    'The output folder',
    "The build's staging folder (written beside the output folder, then swapped in)",
  );
}

function placed(path: string): Folder {
  const trimmed = path.length > 1 ? path.replace(/[\\/]+$/, '') : path;
  return { path: trimmed, real: realFolder(trimmed) };
}

/** The folders a build must leave alone, and what writing over each would do. */
function guardedFolders(folders: BuildFolders): GuardedFolder[] {
  const guard = (path: string, name: string, loss: string, mayHoldOutput = false) => ({
    ...placed(path),
    name,
    loss,
    mayHoldOutput,
  });
  return [
    guard(
      folders.project,
      'the project folder',
      'replace the project (its src/, package.json, node_modules and .git) with the built site',
      true,
    ),
    guard(join(folders.project, '.git'), "the project's .git folder", "delete the project's history"),
    guard(
      join(folders.project, 'node_modules'),
      "the project's node_modules folder",
      "delete the project's installed packages",
    ),
    guard(folders.content, 'the content folder', 'delete the content'),
    guard(folders.src, "the project's src folder", "delete the site's own source files"),
    guard(folders.public, "the project's public folder", 'delete the files the site publishes as they are'),
  ];
}

/**
 * Where a folder really is, links followed, even before it exists: the nearest existing parent is
 * resolved and the rest of the path added to it. A link that points nowhere yet is followed too, as
 * the build would follow it when it creates the folder.
 */
export function realFolder(path: string, hops = 0): string {
  const missing: string[] = [];
  for (let at = resolve(path); ; at = dirname(at)) {
    try {
      return join(realpathSync(at), ...[...missing].reverse());
    } catch {
      const link = hops < 40 && isLink(at) ? readlinkSync(at) : undefined;
      if (link !== undefined)
        return realFolder(join(resolve(dirname(at), link), ...[...missing].reverse()), hops + 1);
    }
    if (dirname(at) === at) return resolve(path);
    missing.push(basename(at));
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * The last step of a build, as its own integration so that it runs after every other integration's
 * `astro:build:done` (the sitemap's among them) has written into the staging folder.
 */
export function publishIntegration(staging: string, outDir: string): AstroIntegration {
  return {
    name: 'statusmark:publish',
    hooks: {
      'astro:build:done': ({ logger }) => {
        swapIn(staging, outDir);
        logger.info(`Published to ${outDir}`);
      },
    },
  };
}
