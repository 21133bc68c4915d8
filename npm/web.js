// Browsers and bundlers: the wasm-bindgen `web` build. Call (and await) `init()` once before
// anything else; it loads the package's stashform_bg.wasm (bundlers see the
// `new URL('stashform_bg.wasm', import.meta.url)` in stashform.js and ship the file).
import wbgInit, { initSync as wbgInitSync } from './stashform.js';

export {
  validate,
  validateBytes,
  format,
  edit,
  render,
  parse,
  describeSchedule,
  jsonSchema,
  addons,
  rules,
} from './stashform.js';

/** The package version. */
export const version = '@VERSION@';

/**
 * Load and instantiate the WebAssembly module; later calls reuse it. `input` defaults to the
 * package's stashform_bg.wasm; pass a URL, a Response, bytes or a WebAssembly.Module to load
 * it from elsewhere.
 */
export default async function init(input) {
  await wbgInit(input === undefined ? undefined : { module_or_path: input });
}
export { init };

/** Instantiate synchronously from bytes or a WebAssembly.Module (e.g. in a worker). */
export function initSync(module) {
  wbgInitSync({ module });
}
