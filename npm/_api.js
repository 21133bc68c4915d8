// ---- npm/_api.js, copied here by `cargo xtask npm`: the part that the Node (index.cjs) and
// web (web.js) entries share, written once for both module systems. It adds to the wasm-bindgen
// functions what must happen in JavaScript: the WebAssembly module is there first (`ready`),
// and an input over the loader's limit is rejected before it is copied into wasm memory (which
// grows but never shrinks: a 300 MB string used to leave 1.2 GB reserved).

/** The loader's limit in UTF-8 bytes (`MAX_INPUT_BYTES` of crates/stashform-yaml). */
const LIMIT = 32 * 1024 * 1024;

/** The UTF-8 length of a string as wasm-bindgen encodes it (a lone surrogate as U+FFFD). */
function utf8Length(text) {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) bytes += 1;
    else if (unit >= 0xd800 && unit < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** The core's `input-too-large` diagnostic for an input of `bytes` UTF-8 bytes (a test holds
 * the two equal). */
function tooLarge(bytes) {
  return {
    code: 'KS003',
    rule: 'input-too-large',
    severity: 'error',
    message: `the input is ${bytes} bytes; the limit is ${LIMIT} bytes (32 MiB)`,
    path: '',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    document: 0,
  };
}

/** `input-too-large` for a string over the limit, else undefined. Non-strings go on to the
 * function, which throws a TypeError. */
function oversized(source) {
  // A UTF-16 unit is 1 to 3 UTF-8 bytes: only long strings need counting.
  if (typeof source !== 'string' || source.length * 3 <= LIMIT) return undefined;
  const bytes = utf8Length(source);
  return bytes > LIMIT ? tooLarge(bytes) : undefined;
}

/** What of `bytes` (over the limit) the core needs to answer as it would for all of them: none
 * when they are UTF-8 (`input-too-large`, made here), else the start up to the end of the 64 KiB
 * chunk holding the first invalid byte (`invalid-encoding` and its position depend only on the
 * bytes before it). */
function bytesToCheck(bytes) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const chunk = 1 << 16;
  for (let at = 0; at < bytes.length; at += chunk) {
    try {
      decoder.decode(bytes.subarray(at, at + chunk), { stream: true });
    } catch {
      return bytes.subarray(0, at + chunk);
    }
  }
  try {
    decoder.decode();
  } catch {
    return bytes; // a sequence cut short at the very end
  }
  return undefined;
}

/** `options` with one catalog text as an array of one (the module takes an array). */
const withCatalog = (options) =>
  options && typeof options === 'object' && typeof options.catalog === 'string'
    ? { ...options, catalog: [options.catalog] }
    : options;

const isOptions = (value) =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

/** The API over the wasm-bindgen functions of `glue`; `ready(name)` makes sure the module is
 * instantiated (or throws). */
function wrap(glue, ready) {
  const plain = (name) => ({
    [name](...args) {
      ready(name);
      return glue[name](...args);
    },
  })[name];
  return {
    validate(source, options) {
      ready('validate');
      const found = oversized(source);
      return found ? { documents: [], diagnostics: [found] } : glue.validate(source, withCatalog(options));
    },
    fix(source, options) {
      ready('fix');
      const found = oversized(source);
      return found ? { text: source, fixed: [], diagnostics: [found] } : glue.fix(source, withCatalog(options));
    },
    validateBytes(bytes) {
      ready('validateBytes');
      if (!(bytes instanceof Uint8Array) || bytes.length <= LIMIT) return glue.validateBytes(bytes);
      const start = bytesToCheck(bytes);
      if (start) return glue.validateBytes(start);
      return { documents: [], diagnostics: [tooLarge(bytes.length)] };
    },
    format(source) {
      ready('format');
      const found = oversized(source);
      if (!found) return glue.format(source);
      const error = new Error(found.message);
      error.diagnostics = [found];
      throw error;
    },
    edit(source, edits, options) {
      ready('edit');
      const found = oversized(source);
      if (!found) return glue.edit(source, edits, options);
      // The core checks the edits before it loads the text: let it, on an empty text.
      try {
        glue.edit('', edits, options);
      } catch (error) {
        if (error instanceof TypeError) throw error;
      }
      throw new Error(`edit: the text does not load: ${found.message}`);
    },
    parse(source) {
      ready('parse');
      const found = oversized(source);
      return found ? { documents: [], diagnostics: [found] } : glue.parse(source);
    },
    render: plain('render'),
    describeSchedule: plain('describeSchedule'),
    jsonSchema: plain('jsonSchema'),
    addons: plain('addons'),
    rules: plain('rules'),
  };
}
// ---- end of npm/_api.js
