#!/usr/bin/env node
'use strict';
// `npx stashform check|fmt|schedule|schema|rules`: the native CLI itself (crates/stashform-cli,
// compiled to wasm as stashform_cli_bg.wasm), so both print the same bytes. This file only lends
// it Node's file system, streams, environment and clock.

const fs = require('node:fs');
const tty = require('node:tty');
const { run } = require('./stashform_cli.cjs');

// The wording of Rust's `std::io::Error`, so that messages match the native CLI's.
const OS_ERRORS = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EROFS: 'Read-only file system',
  ENOSPC: 'No space left on device',
};

/** Call `f`; a thrown system error becomes the string the native CLI would print. */
function io(f) {
  try {
    return f();
  } catch (error) {
    const text = OS_ERRORS[error.code];
    throw text && typeof error.errno === 'number' ? `${text} (os error ${-error.errno})` : String(error.message);
  }
}

const host = {
  read: (path) => io(() => fs.readFileSync(path === '-' ? 0 : path)),
  write: (path, bytes) => io(() => fs.writeFileSync(path, bytes)),
  append: (path, text) => io(() => fs.appendFileSync(path, text)),
  entry(path) {
    const stat = fs.statSync(path, { throwIfNoEntry: false });
    return stat === undefined ? 0 : stat.isDirectory() ? 2 : 1;
  },
  // Name, kind, name, kind, …: the kinds from the listing (a link is followed).
  list: (dir) =>
    io(() =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => [
        d.name,
        d.isDirectory() ? 2 : d.isFile() ? 1 : host.entry(`${dir}/${d.name}`),
      ]),
    ),
  cwd: () => process.cwd(),
  env: (name) => process.env[name],
  now: () => Date.now(),
  stdinIsTerminal: () => tty.isatty(0),
  stdoutIsTerminal: () => tty.isatty(1),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

// Set the exit code and let Node flush stdout (process.exit could cut a piped output short).
process.exitCode = run(['stashform', ...process.argv.slice(2)], host);
