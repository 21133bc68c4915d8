// The functions and types are generated from the Rust sources (wasm-bindgen + tsify); only the
// loader is declared here (index.d.cts), and the default export.
export * from './index.cjs';
import type * as api from './index.cjs';
/** The default export is `init` (optional in Node), carrying the whole API, as in browsers:
 * `import stashform from 'stashform'; await stashform(); stashform.validate(text)`. */
declare const stashform: typeof api.init & typeof api;
export default stashform;
