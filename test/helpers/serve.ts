import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

/** What a static host says each built file is (with `X-Content-Type-Options: nosniff`, it matters). */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ics': 'text/calendar',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain',
};

export const contentType = (file: string, otherwise: string) => TYPES[extname(file)] ?? otherwise;

export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * Serves folders on 127.0.0.1 (a random port): `mounts` maps a URL prefix to a folder, like a static
 * host serving dist/. Directories serve index.html; unknown paths serve 404.html with status 404.
 */
export async function serve(mounts: Record<string, string>): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const prefix =
      Object.keys(mounts)
        .sort((a, b) => b.length - a.length)
        .find((p) => path.startsWith(p)) ?? '/';
    const root = mounts[prefix]!;
    let file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(normalize(root))) file = join(root, '404.html');
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    const found = existsSync(file);
    if (!found) file = join(mounts['/'] ?? root, '404.html');
    res.writeHead(found ? 200 : 404, {
      'Content-Type': contentType(file, 'application/octet-stream'),
      'Access-Control-Allow-Origin': '*',
    });
    if (existsSync(file)) createReadStream(file).pipe(res);
    else res.end('not found');
  });
  return listen(server);
}

/** Starts a server on 127.0.0.1, on a port of its own (its own origin). */
export async function listen(server: Server): Promise<StaticServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
