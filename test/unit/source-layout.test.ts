import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

/** Every source file under src/, as a path relative to the repository. */
function sourceFiles(dir = 'src'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [relative('.', join(dir, entry.name))],
  );
}

describe('the source layout (docs/architecture.md)', () => {
  test('no two source files share a base name, but the routes, whose names are their URLs', () => {
    const byName = new Map<string, string[]>();
    for (const file of sourceFiles().filter((f) => !f.startsWith('src/routes/') && /\.(ts|astro)$/.test(f)))
      byName.set(basename(file), [...(byName.get(basename(file)) ?? []), file]);
    expect([...byName.values()].filter((files) => files.length > 1)).toEqual([]);
  });

  test('every folder of src/ has its place among the layers that ESLint enforces', async () => {
    const { readFileSync } = await import('node:fs');
    const config = readFileSync('eslint.config.js', 'utf8');
    const folders = readdirSync('src', { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'styles')
      .map((e) => e.name);
    for (const folder of folders) expect(config, `src/${folder} in LAYERS`).toContain(`'${folder}'`);
  });
});
