'use strict';
// Node, `require('stashform')` (and `import`, through index.js: one instance). The module is
// instantiated on first use from the package's stashform_bg.wasm (node/wasm.js reads it), or
// from what `init()` / `initSync()` were given first (bundles, other locations). Node's modules
// are required only when used: esbuild's ESM output cannot `require` them.
const glue = require('./stashform_node.cjs');

// @API@

let loaded = false;

function instantiate(module) {
  glue.__wbg_instantiate(module);
  loaded = true;
}

function ready() {
  if (loaded) return;
  let bytes;
  try {
    bytes = require('./node/wasm.js')();
  } catch (error) {
    throw new Error(
      `stashform: cannot read its WebAssembly module (${error.message}). In a bundle, give it ` +
        'the module before the first call: initSync({ module: bytes }) or await init({ module_or_path }) ' +
        '(see "Bundlers" in the README).',
      { cause: error },
    );
  }
  instantiate(bytes);
}

/**
 * Instantiate the WebAssembly module now, from the package's stashform_bg.wasm (no argument) or
 * from `module_or_path`: a file path, a `file:`, `http(s):` or `data:` URL, a fetch Response,
 * bytes, or a WebAssembly.Module. Later calls do nothing. Optional in Node: the first call of
 * any function loads the package's file.
 */
async function init(input) {
  let source = await (isOptions(input) ? input.module_or_path : input);
  if (loaded) return;
  if (source === undefined) return ready();
  if (typeof source === 'string' && /^(file|https?|data):/i.test(source)) source = new URL(source);
  if (typeof source === 'string' || (source instanceof URL && source.protocol === 'file:')) {
    source = await require('fs').promises.readFile(source);
  }
  if (source instanceof URL) source = await fetch(source);
  if (typeof Response === 'function' && source instanceof Response) {
    if (!source.ok) throw new Error(`stashform: fetching ${source.url} gave ${source.status}`);
    source = await source.arrayBuffer();
  }
  if (!(source instanceof WebAssembly.Module)) source = await WebAssembly.compile(source);
  if (!loaded) instantiate(source);
}

/** Instantiate the WebAssembly module now, from its bytes or a WebAssembly.Module
 * (`initSync({ module })`). Later calls do nothing. */
function initSync(module) {
  if (!loaded) instantiate(isOptions(module) ? module.module : module);
}

const api = wrap(glue, ready);
// The default export (index.js) is `init`, carrying the whole API, as in browsers.
module.exports = Object.assign(init, api, { init, initSync, version: '@VERSION@' });
