//! The npm package's `stashform` bin runs the native CLI's code (`stashform-cli`): this crate
//! compiles it to wasm and lends it a [`Host`] made of a JavaScript object
//! (`npm/bin/stashform.cjs`, over `node:fs` and `process`). So the bin and the native CLI print
//! the same bytes by construction; the bin itself only does I/O.

use stashform_cli::{Entry, Host};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The JavaScript side of the host; every method is synchronous.
    pub type JsHost;

    #[wasm_bindgen(method, catch)]
    fn read(this: &JsHost, path: &str) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn write(this: &JsHost, path: &str, bytes: &[u8]) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn append(this: &JsHost, path: &str, text: &str) -> Result<(), JsValue>;
    /// 0: nothing there, 1: a file, 2: a folder.
    #[wasm_bindgen(method)]
    fn entry(this: &JsHost, path: &str) -> u8;
    /// Names, each followed by what it is (`"name", 1, "sub", 2`: 1 a file, 2 a folder).
    #[wasm_bindgen(method, catch)]
    fn list(this: &JsHost, dir: &str) -> Result<Vec<JsValue>, JsValue>;
    #[wasm_bindgen(method)]
    fn cwd(this: &JsHost) -> String;
    #[wasm_bindgen(method)]
    fn env(this: &JsHost, name: &str) -> Option<String>;
    /// Milliseconds since the Unix epoch (`Date.now()`).
    #[wasm_bindgen(method)]
    fn now(this: &JsHost) -> f64;
    #[wasm_bindgen(method, js_name = stdinIsTerminal)]
    fn stdin_is_terminal(this: &JsHost) -> bool;
    #[wasm_bindgen(method, js_name = stdoutIsTerminal)]
    fn stdout_is_terminal(this: &JsHost) -> bool;
    #[wasm_bindgen(method)]
    fn out(this: &JsHost, text: &str);
    #[wasm_bindgen(method)]
    fn err(this: &JsHost, text: &str);
}

/// Run a command line (`args[0]` is the program name); the exit code.
#[wasm_bindgen]
#[must_use]
pub fn run(args: Vec<String>, host: JsHost) -> u8 {
    stashform_cli::run(args, &Node(host))
}

struct Node(JsHost);

/// A thrown value as a message: the host throws strings worded like the native CLI's.
fn message(error: &JsValue) -> String {
    error
        .as_string()
        .unwrap_or_else(|| String::from("I/O error"))
}

impl Host for Node {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        self.0.read(path).map_err(|e| message(&e))
    }

    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), String> {
        self.0.write(path, bytes).map_err(|e| message(&e))
    }

    fn append(&self, path: &str, text: &str) -> Result<(), String> {
        self.0.append(path, text).map_err(|e| message(&e))
    }

    fn entry(&self, path: &str) -> Entry {
        match self.0.entry(path) {
            1 => Entry::File,
            2 => Entry::Dir,
            _ => Entry::Missing,
        }
    }

    fn list(&self, dir: &str) -> Result<Vec<(String, Entry)>, String> {
        let flat = self.0.list(dir).map_err(|e| message(&e))?;
        Ok(flat
            .chunks_exact(2)
            .filter_map(|pair| {
                let name = pair[0].as_string()?;
                let kind = match pair[1].as_f64() {
                    Some(1.0) => Entry::File,
                    Some(2.0) => Entry::Dir,
                    _ => Entry::Missing,
                };
                Some((name, kind))
            })
            .collect())
    }

    fn cwd(&self) -> String {
        self.0.cwd()
    }

    fn env(&self, name: &str) -> Option<String> {
        self.0.env(name)
    }

    #[expect(
        clippy::cast_possible_truncation,
        reason = "milliseconds to whole seconds"
    )]
    fn now(&self) -> i64 {
        (self.0.now() / 1000.0).floor() as i64
    }

    fn stdin_is_terminal(&self) -> bool {
        self.0.stdin_is_terminal()
    }

    fn stdout_is_terminal(&self) -> bool {
        self.0.stdout_is_terminal()
    }

    fn parallelism(&self) -> usize {
        1
    }

    fn out(&self, text: &str) {
        self.0.out(text);
    }

    fn err(&self, text: &str) {
        self.0.err(text);
    }
}
