// The functions and types are generated from the Rust sources (wasm-bindgen + tsify); only the
// loader's signatures and the default export are declared here.
export * from './stashform.js';
import type * as glue from './stashform.js';
import type { InitInput, SyncInitInput } from './stashform.js';
/** The package version. */
export declare const version: string;
/**
 * Load and instantiate the WebAssembly module; call (and await) once before anything else.
 * Without an argument it fetches the package's stashform_bg.wasm; `module_or_path` is a URL, a
 * Request, a Response, bytes or a WebAssembly.Module instead.
 */
export declare function init(
  input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> },
): Promise<void>;
/** Instantiate synchronously from bytes or a WebAssembly.Module (in a worker: browsers refuse
 * to compile large modules synchronously on the main thread). */
export declare function initSync(module: SyncInitInput | { module: SyncInitInput }): void;
/** The default export is `init`, carrying the whole API: `import stashform from 'stashform';
 * await stashform(); stashform.validate(text)`. */
declare const stashform: typeof init &
  Omit<typeof glue, 'default' | 'initSync'> & {
    init: typeof init;
    initSync: typeof initSync;
    version: string;
  };
export default stashform;
