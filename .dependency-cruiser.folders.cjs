/**
 * Folder cycles over production code (`npm run depcruise` runs it after .dependency-cruiser.cjs): folders depend
 * on each other in one direction only, e.g. dead-letters -> transport -> consumer, never back. Test code is left
 * out: a spec beside its module importing a shared test helper makes no folder dependency.
 */
const { options } = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    ...options,
    exclude: { path: '(^|/)(dist|coverage|testing|spec-support)/|\\.spec\\.tsx?$|^(test|bench)/' },
  },
};
