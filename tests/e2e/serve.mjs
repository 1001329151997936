// A minimal static server for dist/ on loopback, mounted under a sub-path so the tests also
// check that the site uses relative asset URLs. Like a production server set up for the
// build's precompressed copies (scripts/precompress.mjs), it sends `FILE.br` or `FILE.gz` with
// its Content-Encoding when the browser accepts it and the copy exists.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = resolve(fileURLToPath(new URL('../../dist/', import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Serves dist/ (or another build's output, `dir`) at http://127.0.0.1:<free port><basePath>,
 * plus `pages` (path → HTML) outside it; resolves to { url, origin, close }.
 */
export function serveDist(basePath, pages = {}, dir = DIST) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (pages[path] !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pages[path]);
      return;
    }
    if (!path.startsWith(basePath)) {
      res.writeHead(404).end('outside the site');
      return;
    }
    let rel = normalize(path.slice(basePath.length));
    if (rel === '.' || rel.endsWith('/')) rel = join(rel, 'index.html');
    const file = join(root, rel);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', vary: 'accept-encoding' };
    const accepted = String(req.headers['accept-encoding'] ?? '');
    for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
      const copy = accepted.includes(encoding) ? await readFile(file + suffix).catch(() => null) : null;
      if (copy) {
        res.writeHead(200, { ...headers, 'content-encoding': encoding });
        res.end(copy);
        return;
      }
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      ok({
        url: `http://127.0.0.1:${port}${basePath}`,
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}
