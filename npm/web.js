// Browsers and bundlers: the wasm-bindgen `web` build. Call (and await) `init()` once before
// anything else; it loads the package's stashform_bg.wasm (bundlers see the
// `new URL('stashform_bg.wasm', import.meta.url)` in stashform.js and ship the file), or what
// it is given.
import wbgInit, * as glue from './stashform.js';

// @API@

let loaded = false;

function ready(name) {
  if (!loaded) {
    throw new Error(
      `stashform: call \`await init()\` once before ${name}(): it loads the WebAssembly module ` +
        '(in a worker, initSync({ module: bytes }) also does)',
    );
  }
}

/**
 * Load and instantiate the WebAssembly module; later calls reuse it. Without an argument it
 * fetches the package's stashform_bg.wasm; `init({ module_or_path })` (or `init(module_or_path)`)
 * takes a URL, a Request, a Response, bytes or a WebAssembly.Module instead.
 */
export async function init(input) {
  if (loaded) return;
  try {
    await wbgInit(isOptions(input) ? input : { module_or_path: input });
  } catch (error) {
    if (!(error instanceof WebAssembly.CompileError)) throw error;
    throw new Error(
      `stashform: init() did not get its WebAssembly module (${error.message}). A dev server ` +
        'that pre-bundles dependencies (Vite 5 to 7) serves a page in its place: add ' +
        "optimizeDeps: { exclude: ['stashform'] } to its configuration (see \"Bundlers\" in the README).",
      { cause: error },
    );
  }
  loaded = true;
}

/** Instantiate synchronously from bytes or a WebAssembly.Module (`initSync({ module })`), e.g.
 * in a worker: browsers refuse to compile large modules synchronously on the main thread. */
export function initSync(module) {
  if (loaded) return;
  glue.initSync(isOptions(module) ? module : { module });
  loaded = true;
}

/** The package version. */
export const version = '@VERSION@';

const api = wrap(glue, ready);
export const {
  validate,
  fix,
  validateBytes,
  format,
  edit,
  render,
  parse,
  describeSchedule,
  jsonSchema,
  addons,
  rules,
} = api;
export default Object.assign(init, api, { init, initSync, version });
