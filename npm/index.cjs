'use strict';
// Node, `require('stashform')`: the wasm-bindgen `nodejs` build, which loads
// stashform_bg.wasm synchronously on first require.
const wasm = require('./stashform_node.cjs');

module.exports = {
  validate: wasm.validate,
  validateBytes: wasm.validateBytes,
  format: wasm.format,
  edit: wasm.edit,
  render: wasm.render,
  parse: wasm.parse,
  describeSchedule: wasm.describeSchedule,
  jsonSchema: wasm.jsonSchema,
  addons: wasm.addons,
  rules: wasm.rules,
  version: wasm.__version(),
};
