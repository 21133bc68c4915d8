// The functions and types are generated from the Rust sources (wasm-bindgen + tsify); only
// the loader's signature is declared here.
export * from './stashform.js';
import type { InitInput, SyncInitInput } from './stashform.js';
/** The package version. */
export declare const version: string;
/** Load and instantiate the WebAssembly module; call (and await) once before anything else. */
declare function init(input?: InitInput | Promise<InitInput>): Promise<void>;
export default init;
export { init };
/** Instantiate synchronously from bytes or a WebAssembly.Module. */
export declare function initSync(module: SyncInitInput): void;
