import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';
import { contentType, listen, type StaticServer } from './serve.ts';

/**
 * The headers a `_headers` file gives one path, as Netlify and Cloudflare Pages apply it: every rule
 * whose pattern (`*` for any characters) matches the path adds its lines.
 */
export function headersFor(file: string, path: string): string[] {
  const rules = file.split(/\n(?=\/)/).map((block) => {
    const [pattern, ...lines] = block.trim().split('\n');
    const regex = new RegExp(`^${pattern!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    return { regex, lines: lines.map((line) => line.trim()) };
  });
  return rules.filter((rule) => rule.regex.test(path)).flatMap((rule) => rule.lines);
}

/**
 * A built site on 127.0.0.1 as such a host serves it: each file with the headers `headers()` (a
 * `_headers` file's text, read on each request) gives its path, and no others (no CORS by default).
 */
export async function serveLikeHost(dist: string, headers: () => string): Promise<StaticServer> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(dist, path));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    const found = file.startsWith(normalize(dist)) && existsSync(file);
    const extra = Object.fromEntries(
      headersFor(headers(), path).map((line) => [
        line.slice(0, line.indexOf(':')),
        line.slice(line.indexOf(':') + 1).trim(),
      ]),
    );
    res.writeHead(found ? 200 : 404, { 'Content-Type': contentType(file, 'text/plain'), ...extra });
    if (found) createReadStream(file).pipe(res);
    else res.end('not found');
  });
  return listen(server);
}

/** Another site on 127.0.0.1 (its own port: its own origin) serving the pages given, by path. */
export async function servePages(pages: Record<string, string>): Promise<StaticServer> {
  const server = createServer((req, res) => {
    const page = pages[new URL(req.url ?? '/', 'http://x').pathname];
    res.writeHead(page === undefined ? 404 : 200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page ?? 'not found');
  });
  return listen(server);
}
