// The functions and types are generated from the Rust sources (wasm-bindgen + tsify).
export * from './stashform_node.cjs';
/** The package version. */
export declare const version: string;
