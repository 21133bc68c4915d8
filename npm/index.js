// Node, `import ... from 'stashform'`: named exports over the same instance `require` gets. The
// default export is `init` (optional in Node), carrying the whole API, as in browsers.
import stashform from './index.cjs';

export const {
  validate,
  fix,
  validateBytes,
  format,
  edit,
  render,
  parse,
  describeSchedule,
  jsonSchema,
  addons,
  rules,
  init,
  initSync,
  version,
} = stashform;
export default stashform;
