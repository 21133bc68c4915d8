'use strict';
// The bytes of the package's stashform_bg.wasm, for Node. CommonJS (see package.json here) in a
// `.js` file, so that ncc's asset relocator reads it (it skips `.cjs` files), sees the path
// below and ships the file with the bundle.
const fs = require('fs');
const path = require('path');

module.exports = function read() {
  return fs.readFileSync(path.join(__dirname, '..', 'stashform_bg.wasm'));
};
