/**
 * Folder cycles over production code (`npm run depcruise` runs it after .dependency-cruiser.cjs): folders depend
 * on each other in one direction only, e.g. dead-letters -> transport -> consumer, never back. Test code is left
 * out: a spec beside its module importing a shared test helper makes no folder dependency.
 */
const { options } = require('./.dependency-cruiser.cjs');

/**
 * Folders still in a cycle (the debt issue 16 pays off; remove a line when its cycle is gone). dependency-cruiser's
 * --ignore-known baseline does not cover folder rules, hence this list.
 */
const knownCycles = [
];
const unlessKnown = `^(?!(${knownCycles.join('|')})(/|$))`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      severity: 'error',
      scope: 'folder',
      from: { path: unlessKnown },
      to: { circular: true, path: unlessKnown },
    },
  ],
  options: {
    ...options,
    exclude: { path: '(^|/)(dist|coverage|testing|spec-support)/|\\.spec\\.tsx?$|^(test|bench)/' },
  },
};
