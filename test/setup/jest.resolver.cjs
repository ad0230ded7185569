// kubernetes-models (test/deploy) exports its modules under the "import" condition only; Jest resolves the CommonJS
// way ("require"), so those packages resolve with "import" here (jest.config.ts compiles them to CommonJS).
const IMPORT_ONLY = /^(kubernetes-models|@kubernetes-models\/[^/]+)(\/|$)/;

module.exports = (request, options) =>
  options.defaultResolver(request, IMPORT_ONLY.test(request) ? { ...options, conditions: ['import', 'default'] } : options);
