//! What the commands need of the world, behind one trait, so that the same command code runs
//! natively (`NativeHost`, std) and as the npm package's bin (a JavaScript object over
//! `node:fs`, in `crates/stashform-bin-wasm`). Paths are strings as the user wrote them; `-`
//! is stdin.

/// What is at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    File,
    Dir,
    Missing,
}

/// The process's surroundings: files, standard streams, environment and clock.
pub trait Host {
    /// The bytes of a file, or of stdin for `-`.
    ///
    /// # Errors
    /// The reason, as the system words it.
    fn read(&self, path: &str) -> Result<Vec<u8>, String>;
    /// Replace a file's bytes.
    ///
    /// # Errors
    /// The reason, as the system words it.
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), String>;
    /// Append text to a file, creating it if needed (GitHub's step summary).
    ///
    /// # Errors
    /// The reason, as the system words it.
    fn append(&self, path: &str, text: &str) -> Result<(), String>;
    /// What is at a path (following symbolic links).
    fn entry(&self, path: &str) -> Entry;
    /// The names in a folder and what each is (following symbolic links), in any order; from
    /// the folder listing itself where the system says, so a tree costs no `stat` per file.
    ///
    /// # Errors
    /// The reason, as the system words it.
    fn list(&self, dir: &str) -> Result<Vec<(String, Entry)>, String>;
    /// The working directory, absolute.
    fn cwd(&self) -> String;
    /// An environment variable.
    fn env(&self, name: &str) -> Option<String>;
    /// Seconds since the Unix epoch.
    fn now(&self) -> i64;
    /// Standard input is a terminal (nothing piped in).
    fn stdin_is_terminal(&self) -> bool;
    /// Standard output is a terminal.
    fn stdout_is_terminal(&self) -> bool;
    /// How many files to check at once; 1 where there are no threads.
    fn parallelism(&self) -> usize;
    /// This host as one that threads may share (native), so that files are read and checked
    /// on several cores; `None` keeps all work on the calling thread.
    fn shared(&self) -> Option<&(dyn Host + Sync)> {
        None
    }
    /// Write to standard output.
    fn out(&self, text: &str);
    /// Write to standard error.
    fn err(&self, text: &str);
}

/// Colour for human output: on a terminal, unless `NO_COLOR` is set.
pub fn color(host: &dyn Host) -> bool {
    host.stdout_is_terminal() && host.env("NO_COLOR").is_none()
}

#[cfg(not(target_family = "wasm"))]
pub use native::NativeHost;

#[cfg(not(target_family = "wasm"))]
mod native {
    use std::fs;
    use std::io::{IsTerminal, Read, Write};

    use super::{Entry, Host};

    /// The real process: `std::fs`, the standard streams, the system clock.
    pub struct NativeHost;

    impl Host for NativeHost {
        fn read(&self, path: &str) -> Result<Vec<u8>, String> {
            if path == "-" {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(|e| e.to_string())?;
                return Ok(bytes);
            }
            fs::read(path).map_err(|e| e.to_string())
        }

        fn write(&self, path: &str, bytes: &[u8]) -> Result<(), String> {
            fs::write(path, bytes).map_err(|e| e.to_string())
        }

        fn append(&self, path: &str, text: &str) -> Result<(), String> {
            fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .and_then(|mut file| file.write_all(text.as_bytes()))
                .map_err(|e| e.to_string())
        }

        fn entry(&self, path: &str) -> Entry {
            match fs::metadata(path) {
                Ok(meta) if meta.is_dir() => Entry::Dir,
                Ok(_) => Entry::File,
                Err(_) => Entry::Missing,
            }
        }

        fn list(&self, dir: &str) -> Result<Vec<(String, Entry)>, String> {
            let entries = fs::read_dir(dir).map_err(|e| e.to_string())?;
            Ok(entries
                .flatten()
                .map(|entry| {
                    let kind = match entry.file_type() {
                        Ok(t) if t.is_dir() => Entry::Dir,
                        Ok(t) if t.is_file() => Entry::File,
                        // A link (or an unknown type): what it points at.
                        _ => self.entry(&entry.path().to_string_lossy()),
                    };
                    (entry.file_name().to_string_lossy().into_owned(), kind)
                })
                .collect())
        }

        fn cwd(&self) -> String {
            std::env::current_dir()
                .map(|dir| dir.display().to_string())
                .unwrap_or_else(|_| String::from("/"))
        }

        fn env(&self, name: &str) -> Option<String> {
            std::env::var(name).ok()
        }

        fn now(&self) -> i64 {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        }

        fn stdin_is_terminal(&self) -> bool {
            std::io::stdin().is_terminal()
        }

        fn stdout_is_terminal(&self) -> bool {
            std::io::stdout().is_terminal()
        }

        fn parallelism(&self) -> usize {
            std::thread::available_parallelism().map_or(1, usize::from)
        }

        fn shared(&self) -> Option<&(dyn Host + Sync)> {
            Some(self)
        }

        fn out(&self, text: &str) {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
        }

        fn err(&self, text: &str) {
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
        }
    }
}
