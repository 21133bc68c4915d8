// The functions and types are generated from the Rust sources (wasm-bindgen + tsify); only the
// loader is declared here.
export * from './stashform_node.cjs';
/** The package version. */
export declare const version: string;
/** Where the WebAssembly module can come from in Node: a file path, a `file:`, `http(s):` or
 * `data:` URL, a fetch Response, its bytes, or a compiled module. */
export type InitInput = string | URL | Response | ArrayBuffer | ArrayBufferView | WebAssembly.Module;
/** The module's bytes or the compiled module. */
export type SyncInitInput = ArrayBuffer | ArrayBufferView | WebAssembly.Module;
/**
 * Instantiate the WebAssembly module now, from the package's stashform_bg.wasm (no argument) or
 * from `module_or_path`. Later calls do nothing. Optional in Node, where the first call of any
 * function loads the package's file; needed in bundles that do not ship that file.
 */
export declare function init(
  input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> },
): Promise<void>;
/** Instantiate the WebAssembly module now from its bytes or a compiled module. */
export declare function initSync(module: SyncInitInput | { module: SyncInitInput }): void;
