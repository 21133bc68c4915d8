#!/usr/bin/env node
'use strict';
// `npx stashform check|fmt|schedule|schema`: the native CLI's commands over the wasm API, with
// the same output formats and exit codes (0: fine, 1: findings or not canonical, 2: usage or
// I/O trouble). The API counts columns in UTF-16 code units; like the native CLI, the json and
// github formats print UTF-8 byte columns, the human format character columns, and SARIF
// declares utf16CodeUnits.

const fs = require('node:fs');
const stashform = require('../index.cjs');

const USAGE = `Check, format and explain KubeStash backup and restore configuration.

Usage: stashform <COMMAND>

Commands:
  check     Validate files, folders (recursive *.yaml, *.yml) or stdin (\`-\`).
            Exit 0: no error; 1: errors found; 2: usage or I/O trouble.
              stashform check [--format human|json|sarif|github] [PATH|-]...
  fmt       Print canonical YAML (documents joined with \`---\`).
              stashform fmt [--check|--write] [PATH|-]...
  schedule  Explain a CronJob schedule and list its next runs (UTC).
              stashform schedule EXPR [--next N] [--from RFC3339] [--json]
  schema    Print the JSON Schema of a kind for editors (yaml-language-server).
              stashform schema KIND

Options:
  -h, --help     Print help
  -V, --version  Print version
`;

class UsageError extends Error {}

/** Split arguments into options (with values) and positionals, as clap reads them. */
function parseArgs(args, spec) {
  const options = {};
  const positionals = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(0, eq) : arg;
      const key = spec[name];
      if (!key) throw new UsageError(`unexpected argument '${arg}' found`);
      if (key.flag) {
        if (eq >= 0) throw new UsageError(`unexpected value for '${name}'`);
        options[key.name] = true;
      } else {
        const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
        if (value === undefined) throw new UsageError(`a value is required for '${name}'`);
        if (key.values && !key.values.includes(value)) {
          throw new UsageError(
            `invalid value '${value}' for '${name}': possible values: ${key.values.join(', ')}`,
          );
        }
        options[key.name] = value;
      }
    } else {
      positionals.push(arg);
    }
  }
  return { options, positionals };
}

// ---------------------------------------------------------------------------------------------
// Inputs: files, folders (recursive *.yaml / *.yml, sorted, dot-names skipped), `-` for stdin.

function ioMessage(error) {
  const known = {
    ENOENT: 'No such file or directory (os error 2)',
    EACCES: 'Permission denied (os error 13)',
    EISDIR: 'Is a directory (os error 21)',
    ENOTDIR: 'Not a directory (os error 20)',
  };
  return known[error.code] || error.message;
}

function joinPath(dir, name) {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

function walk(dir, files, problems) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    problems.push(`${dir}: ${ioMessage(error)}`);
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = joinPath(dir, entry.name);
    let isDir = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        isDir = fs.statSync(path).isDirectory();
      } catch {
        isDir = false;
      }
    }
    if (isDir) {
      walk(path, files, problems);
    } else if (/\.ya?ml$/.test(entry.name)) {
      files.push(path);
    }
  }
}

function byteOrder(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.compare(x, y);
}

function collect(paths) {
  const inputs = [];
  const problems = [];
  const read = (path) => {
    try {
      inputs.push({ name: path, bytes: fs.readFileSync(path) });
    } catch (error) {
      problems.push(`${path}: ${ioMessage(error)}`);
    }
  };
  for (const path of paths.length === 0 ? ['-'] : paths) {
    if (path === '-') {
      try {
        inputs.push({ name: '-', bytes: fs.readFileSync(0) });
      } catch (error) {
        problems.push(`-: ${ioMessage(error)}`);
      }
      continue;
    }
    let isDir = false;
    try {
      isDir = fs.statSync(path).isDirectory();
    } catch {
      isDir = false;
    }
    if (isDir) {
      const files = [];
      walk(path, files, problems);
      files.sort(byteOrder);
      if (files.length === 0) problems.push(`${path}: no *.yaml or *.yml files`);
      files.forEach(read);
    } else {
      read(path);
    }
  }
  return { inputs, problems };
}

// ---------------------------------------------------------------------------------------------
// Positions: the API gives UTF-16 columns; convert to UTF-8 byte columns where the native CLI
// prints those.

/** Line starts as the core counts them: after `\n`, after a lone `\r`. */
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

class SourceFile {
  constructor(name, bytes) {
    this.name = name;
    this.text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    this.result = stashform.validateBytes(bytes);
    this.starts = lineStarts(this.text);
    this.ascii = !/[^\x00-\x7f]/.test(this.text);
  }

  lineStart(line) {
    return this.starts[Math.min(line, this.starts.length) - 1] ?? 0;
  }

  /** UTF-16 offset of a 1-based line and UTF-16 column. */
  offset(line, column) {
    return Math.min(this.lineStart(line) + column - 1, this.text.length);
  }

  utf8Column(line, column) {
    if (this.ascii) return column;
    const start = this.lineStart(line);
    return Buffer.byteLength(this.text.slice(start, this.offset(line, column))) + 1;
  }

  /** The line's text without its line break. */
  lineText(line) {
    const start = this.lineStart(line);
    const end = line < this.starts.length ? this.starts[line] : this.text.length;
    return this.text.slice(start, end).replace(/[\r\n]+$/, '');
  }

  /** A column in Unicode scalar values (what the native human format prints). */
  charColumn(line, column) {
    if (this.ascii) return column;
    const start = this.lineStart(line);
    return [...this.text.slice(start, this.offset(line, column))].length + 1;
  }

  /** A diagnostic with UTF-8 byte columns, as the native CLI's json and github formats print it. */
  utf8(d) {
    return {
      ...d,
      column: this.utf8Column(d.line, d.column),
      endColumn: this.utf8Column(d.endLine, d.endColumn),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Formats.

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

function human(files, totals, color) {
  const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const level = { error: '1;31', warning: '1;33', info: '1;36' };
  let out = '';
  for (const file of files) {
    for (const d of file.result.diagnostics) {
      // The native human format (annotate-snippets) counts columns in characters.
      const column = file.charColumn(d.line, d.column);
      const gutter = ' '.repeat(String(d.endLine).length);
      out += `${paint(level[d.severity], `${d.severity}[${d.code}]`)}${paint('1', `: ${d.message} [${d.rule}]`)}\n`;
      out += `${gutter}${paint('1;34', '-->')} ${file.name}:${d.line}:${column}\n`;
      out += `${gutter} ${paint('1;34', '|')}\n`;
      const text = file.lineText(d.line);
      const shown = (part) => [...part.replace(/\t/g, '    ')].length;
      out += `${paint('1;34', `${String(d.line).padStart(gutter.length)} |`)} ${text.replace(/\t/g, '    ')}\n`;
      // Carets under the span's part of the first line (tabs shown as four spaces).
      const before = shown(text.slice(0, d.column - 1));
      const endColumn = d.endLine === d.line ? d.endColumn : text.length + 1;
      const width = Math.max(1, shown(text.slice(d.column - 1, endColumn - 1)));
      const label = d.path || d.rule;
      out += `${gutter} ${paint('1;34', '|')} ${' '.repeat(before)}${paint(level[d.severity], `${'^'.repeat(width)} ${label}`)}\n`;
      if (d.help || d.upstream) out += `${gutter} ${paint('1;34', '|')}\n`;
      if (d.help) out += `${gutter} ${paint('1;34', '=')} ${paint('1', 'help')}: ${d.help}\n`;
      if (d.upstream) {
        out += `${gutter} ${paint('1;34', '=')} ${paint('1', 'note')}: the cluster says: ${d.upstream}\n`;
      }
      out += '\n';
    }
  }
  out += `checked ${plural(files.length, 'file')}, ${plural(totals.documents, 'document')}: ${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}\n`;
  return out;
}

function json(files, totals) {
  const diagnostics = [];
  for (const file of files) {
    for (const d of file.result.diagnostics) {
      diagnostics.push({ ...file.utf8(d), file: file.name });
    }
  }
  const report = {
    version: 1,
    diagnostics,
    summary: {
      files: files.length,
      documents: totals.documents,
      errors: totals.errors,
      warnings: totals.warnings,
    },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

const sarifLevel = (severity) => (severity === 'info' ? 'note' : severity);

function sarif(files) {
  const registry = stashform.rules();
  const rules = registry.map((rule) => ({
    id: rule.code,
    name: rule.name,
    shortDescription: { text: rule.what },
    fullDescription: { text: `${rule.what} ${rule.why}` },
    help: { text: `Invalid:\n${rule.invalid}\nValid:\n${rule.valid}` },
    defaultConfiguration: { level: sarifLevel(rule.severity) },
  }));
  const results = [];
  for (const file of files) {
    for (const d of file.result.diagnostics) {
      const index = Math.max(
        0,
        registry.findIndex((r) => r.code === d.code),
      );
      results.push({
        ruleId: d.code,
        ruleIndex: index,
        level: sarifLevel(d.severity),
        message: { text: d.help ? `${d.message} (${d.help})` : d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: sarifUri(file.name) },
              region: {
                startLine: d.line,
                startColumn: d.column,
                endLine: d.endLine,
                endColumn: Math.max(d.endColumn, d.endLine === d.line ? d.column : 1),
              },
            },
            logicalLocations: [{ fullyQualifiedName: d.path, kind: 'member' }],
          },
        ],
        properties: { document: d.document, rule: d.rule },
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'stashform',
            version: stashform.version,
            informationUri: 'https://github.com/stashform/stashform',
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifUri(name) {
  if (name === '-') return 'stdin';
  let uri = name;
  while (uri.startsWith('./')) uri = uri.slice(2);
  return uri;
}

const escapeData = (text) =>
  text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

function github(files) {
  let out = '';
  const command = { error: 'error', warning: 'warning', info: 'notice' };
  for (const file of files) {
    for (const d of file.result.diagnostics) {
      const at = file.utf8(d);
      const message = d.help ? `${d.message}\nhelp: ${d.help}` : d.message;
      out += `::${command[d.severity]} file=${escapeProperty(file.name)},line=${at.line},col=${at.column},endLine=${at.endLine},endColumn=${at.endColumn},title=${escapeProperty(`${d.code} ${d.rule}`)}::${escapeData(message)}\n`;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Commands.

const useColor = () => Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined;

function check(args) {
  const { options, positionals } = parseArgs(args, {
    '--format': { name: 'format', values: ['human', 'json', 'sarif', 'github'] },
    '-f': { name: 'format', values: ['human', 'json', 'sarif', 'github'] },
  });
  const { inputs, problems } = collect(positionals);
  const files = inputs.map((input) => new SourceFile(input.name, input.bytes));
  for (const problem of problems) process.stderr.write(`stashform: ${problem}\n`);
  const totals = { documents: 0, errors: 0, warnings: 0 };
  for (const file of files) {
    totals.documents += file.result.documents.length;
    for (const d of file.result.diagnostics) {
      if (d.severity === 'error') totals.errors++;
      if (d.severity === 'warning') totals.warnings++;
    }
  }
  const format = options.format || 'human';
  const text =
    format === 'json'
      ? json(files, totals)
      : format === 'sarif'
        ? sarif(files)
        : format === 'github'
          ? github(files)
          : human(files, totals, useColor());
  process.stdout.write(text);
  if (problems.length > 0) return 2;
  return totals.errors > 0 ? 1 : 0;
}

function fmt(args) {
  const { options, positionals } = parseArgs(args, {
    '--check': { name: 'check', flag: true },
    '--write': { name: 'write', flag: true },
  });
  if (options.check && options.write) {
    throw new UsageError("the argument '--write' cannot be used with '--check'");
  }
  const { inputs, problems } = collect(positionals);
  for (const problem of problems) process.stderr.write(`stashform: ${problem}\n`);
  let status = 0;
  const outputs = [];
  for (const { name, bytes } of inputs) {
    let text;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      const [first] = stashform.validateBytes(bytes).diagnostics;
      process.stderr.write(`${name}: ${first ? first.message : 'the input is not valid UTF-8'}\n`);
      status = 1;
      continue;
    }
    let formatted;
    try {
      formatted = stashform.format(text);
    } catch (error) {
      const file = new SourceFile(name, bytes);
      file.result = { documents: [], diagnostics: error.diagnostics || [] };
      const errors = file.result.diagnostics.filter((d) => d.severity === 'error').length;
      process.stderr.write(human([file], { documents: 0, errors, warnings: 0 }, false));
      status = 1;
      continue;
    }
    if (options.check) {
      if (formatted !== text) {
        process.stderr.write(`${name}: not canonical (run \`stashform fmt --write ${name}\`)\n`);
        status = 1;
      }
    } else if (options.write && name !== '-') {
      if (formatted !== text) {
        try {
          fs.writeFileSync(name, formatted);
        } catch (error) {
          process.stderr.write(`stashform: ${name}: ${ioMessage(error)}\n`);
          status = 2;
        }
      }
    } else {
      outputs.push(formatted);
    }
  }
  process.stdout.write(outputs.join('---\n'));
  return problems.length === 0 ? status : 2;
}

function schedule(args) {
  const { options, positionals } = parseArgs(args, {
    '--next': { name: 'next' },
    '--from': { name: 'from' },
    '--json': { name: 'json', flag: true },
  });
  if (positionals.length !== 1) throw new UsageError('expected exactly one schedule, e.g. "*/5 * * * *"');
  const count = options.next === undefined ? 5 : Number(options.next);
  if (!Number.isInteger(count) || count < 0) {
    throw new UsageError(`invalid value '${options.next}' for '--next <NEXT>': expected a number`);
  }
  let explained;
  try {
    explained = stashform.describeSchedule(positionals[0], {
      count: Math.min(count, 1000),
      from: options.from,
    });
  } catch {
    process.stderr.write('stashform: --from must be an RFC 3339 time such as 2026-01-02T03:04:05Z\n');
    return 2;
  }
  let out = '';
  if (options.json) {
    out = `${JSON.stringify(explained, null, 2)}\n`;
  } else if (explained.valid) {
    out += `valid: ${explained.description}\n`;
    for (const run of explained.nextRuns) out += `  ${run}\n`;
    if (explained.nextRuns.length === 0) out += '  (never runs)\n';
  } else {
    out += `invalid: ${explained.error || ''}\n`;
  }
  process.stdout.write(out);
  return explained.valid ? 0 : 1;
}

function schema(args) {
  const { positionals } = parseArgs(args, {});
  if (positionals.length !== 1) throw new UsageError('expected exactly one KIND');
  let value;
  try {
    value = stashform.jsonSchema(positionals[0]);
  } catch (error) {
    process.stderr.write(`stashform: ${error.message}\n`);
    return 2;
  }
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  return 0;
}

function main(argv) {
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === '-V' || command === '--version') {
    process.stdout.write(`stashform ${stashform.version}\n`);
    return 0;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const commands = { check, fmt, schedule, schema };
  try {
    if (!commands[command]) {
      throw new UsageError(command ? `unrecognized subcommand '${command}'` : 'a command is required');
    }
    return commands[command](rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    process.stderr.write(`stashform: ${error && error.stack ? error.stack : error}\n`);
    return 2;
  }
}

// Set the exit code and let Node flush stdout (process.exit could cut a piped output short).
process.exitCode = main(process.argv.slice(2));
