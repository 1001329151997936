// Trunk post-build hook: moves the inline start-up script Trunk writes into index.html into its
// own file, writes the simulation worker's script beside it, names the tools module (the
// `burnrate-tools` binary, loaded only when a file is imported) by its content and writes its
// worker's script, and adds a strict Content-Security-Policy, so the page (and the embedded view in wiki iframes) runs with no inline
// script and no eval beyond what WebAssembly needs. Last, once every file is final, it writes
// their precompressed copies (scripts/precompress.mjs).
import { precompress } from './precompress.mjs';
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
  process.exit(1);
}
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const found = html.match(inline);
if (found) {
  const trunk = found[1].trim() + '\n';
  // The simulation worker runs the same module, compiled once by the page: its first message
  // is the page's `WebAssembly.Module` (a worker given anything else fetches and compiles the
  // module itself). Messages that arrive while the module starts are kept and handed to it in
  // order once its entry point (which sees it runs in a worker) listens, so whoever starts the
  // worker can send it work at once. It answers the module with an empty message (the app
  // reads only bytes and arrays). The script is named in a meta tag the app reads.
  const glue = trunk.match(/from '(\.\/[^']+\.js)'/);
  const wasm = trunk.match(/module_or_path: '(\.\/[^']+\.wasm)'/);
  const initCall = /const wasm = await init\(\{ module_or_path: '[^']+' \}\);/;
  if (!glue || !wasm || !initCall.test(trunk)) {
    console.error('csp.mjs: cannot find the module and its glue in the start-up script');
    process.exit(1);
  }
  const worker = `import init from '${glue[1]}';
const early = [];
const module = await new Promise((ok) => {
  self.onmessage = (e) => {
    self.onmessage = (later) => early.push(later.data);
    self.postMessage(null);
    ok(e.data);
  };
});
await init({ module_or_path: module instanceof WebAssembly.Module ? module : '${wasm[1]}' });
for (const data of early) self.dispatchEvent(new MessageEvent('message', { data }));
`;
  const workerName = `worker-${createHash('sha256').update(worker).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(dir, workerName), worker);
  html = html.replace('</head>', `  <meta name="burnrate-worker" content="./${workerName}" />\n</head>`);
  // The simulation worker starts as soon as the page's head is read, from a script of its
  // own: the browser's part of a worker's start runs on the page's thread, so started later it
  // would wait for the app's mount. The start-up script compiles the module once, hands it to
  // the worker and runs it on the page once the worker has it (at most 250 ms later): until
  // the page's thread has seen the worker's script run, messages to the worker wait on that
  // thread, and the app's mount keeps it busy for a few hundred milliseconds. The app takes
  // the worker from `burnrateWorker` (src/web/worker.rs); one whose script did not load is
  // marked `failed`.
  const starter = `try {
  const worker = new Worker('./${workerName}', { type: 'module', name: 'burnrate-simulation' });
  worker.onerror = (e) => {
    e.preventDefault();
    worker.failed = true;
  };
  globalThis.burnrateWorker = worker;
} catch (e) {
  console.warn('Burnrate: no web worker:', e);
}
`;
  const starterName = `start-${createHash('sha256').update(starter).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(dir, starterName), starter);
  html = html.replace('</head>', `  <script src="./${starterName}"></script>\n</head>`);
  const body = trunk.replace(initCall, `const module = await WebAssembly.compileStreaming(fetch('${wasm[1]}')).catch(async () =>
  WebAssembly.compile(await (await fetch('${wasm[1]}')).arrayBuffer()));
const worker = globalThis.burnrateWorker;
if (worker) {
  worker.postMessage(module);
  await new Promise((ok) => {
    worker.addEventListener('message', ok, { once: true });
    worker.addEventListener('error', ok, { once: true });
    setTimeout(ok, 250);
  });
}
const wasm = await init({ module_or_path: module });`);
  const name = `init-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(dir, name), body);
  html = html.replace(inline, `<script type="module" src="./${name}"></script>`);
}
// The tools module: Trunk names a worker's files after its binary, so a new build would be
// served from a stale cache; they are renamed with a hash of their content. Its worker fetches
// and compiles the module itself (the page never needs it), keeps what arrives meanwhile and
// hands it over once the module's entry point listens. Named in a meta tag the app reads, as is
// the script that loads the module on the page where no worker starts.
const toolsGlue = join(dir, 'burnrate-tools.js');
const toolsWasm = join(dir, 'burnrate-tools_bg.wasm');
if (!existsSync(toolsGlue) || !existsSync(toolsWasm)) {
  console.error('csp.mjs: the tools module (burnrate-tools.js and its wasm) was not built');
  process.exit(1);
}
const short = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const toolsWasmName = `burnrate-tools-${short(readFileSync(toolsWasm))}_bg.wasm`;
renameSync(toolsWasm, join(dir, toolsWasmName));
const glueText = readFileSync(toolsGlue, 'utf8').replace("'burnrate-tools_bg.wasm'", `'${toolsWasmName}'`);
const toolsGlueName = `burnrate-tools-${short(glueText)}.js`;
writeFileSync(join(dir, toolsGlueName), glueText);
unlinkSync(toolsGlue);
const tools = `import init from './${toolsGlueName}';
const early = [];
self.onmessage = (e) => early.push(e.data);
await init({ module_or_path: './${toolsWasmName}' });
for (const data of early) self.dispatchEvent(new MessageEvent('message', { data }));
`;
const toolsName = `tools-${short(tools)}.js`;
writeFileSync(join(dir, toolsName), tools);
html = html.replace('</head>', `  <meta name="burnrate-tools" content="./${toolsName}" />\n</head>`);
// Where the browser starts no worker, the page loads the module itself: this script's default
// export starts it once and resolves to its `handle` function.
const toolsPage = `import init, { handle } from './${toolsGlueName}';
let ready;
export default function load() {
  ready ??= init({ module_or_path: './${toolsWasmName}' }).then(() => handle);
  return ready;
}
`;
const toolsPageName = `tools-page-${short(toolsPage)}.js`;
writeFileSync(join(dir, toolsPageName), toolsPage);
html = html.replace('</head>', `  <meta name="burnrate-tools-page" content="./${toolsPageName}" />\n</head>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  console.error('csp.mjs: an inline script is left in index.html');
  process.exit(1);
}
const policy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  // plotters measures chart text with a styled <span> (an inline style attribute, not script).
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  // https: lets a user import a price table from a URL they type; nothing else leaves the origin.
  "connect-src 'self' https:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
html = html.replace('<head>', `<head>\n  <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
writeFileSync(file, html);
precompress(dir);
