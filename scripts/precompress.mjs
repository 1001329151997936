// Writes a Brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy beside each text or
// WebAssembly file of a built site, for servers that send precompressed files when the browser
// accepts them (nginx `gzip_static` / `brotli_static`, Caddy `file_server { precompressed br
// gzip }`): a first visit then fetches about a quarter less than with gzip alone, and nothing
// is compressed per request. The served price table (`pricing-data/`) is left as it is: a
// deployment replaces that file to change prices, and a stale compressed copy beside it would
// be served instead.
// Called by the build's post-build hook (scripts/csp.mjs) once the site's files are final;
// `node scripts/precompress.mjs DIR` does the same to a site built elsewhere.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const COMPRESSED = /\.(html|js|wasm|css|json|svg)$/;

/** Writes `.br` and `.gz` beside every file of `dir` (recursively, but for the price table). */
export function precompress(dir) {
  for (const name of readdirSync(dir, { recursive: true })) {
    const file = join(dir, name);
    if (!COMPRESSED.test(name) || name.startsWith('pricing-data') || !statSync(file).isFile()) continue;
    const body = readFileSync(file);
    const br = brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
    const gz = gzipSync(body, { level: 9 });
    writeFileSync(`${file}.br`, br);
    writeFileSync(`${file}.gz`, gz);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/precompress.mjs DIR');
    process.exit(2);
  }
  precompress(dir);
}
