import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.ics': 'text/calendar',
  '.css': 'text/css',
  '.txt': 'text/plain',
};

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
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Access-Control-Allow-Origin': '*',
    });
    if (existsSync(file)) createReadStream(file).pipe(res);
    else res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
