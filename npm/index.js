// Node, `import ... from 'stashform'`: named exports over the same instance `require` gets.
import api from './index.cjs';

export const {
  validate,
  validateBytes,
  format,
  edit,
  render,
  parse,
  describeSchedule,
  jsonSchema,
  addons,
  rules,
  version,
} = api;
export default api;
