/**
 * The layer rules of STYLE.md, checked by dependency-cruiser over every file (`npm run depcruise`; the suite runs
 * it in test/architecture/layers.spec.ts). Folder cycles are checked over production code only, by
 * .dependency-cruiser.folders.cjs: a spec importing a shared test helper is no folder dependency.
 * Test code below: spec files, `testing/` and `spec-support/` folders, test/ and bench/.
 */
const spec = '\\.spec\\.tsx?$';
const testOnly = `(${spec}|/testing/|/spec-support/|(^|/)test/|^bench/)`;
const framework = '^node_modules/(@nestjs/|typeorm/|pg/|ioredis/|express/|socket\\.io/|@socket\\.io/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-no-framework',
      comment: 'Domain code is plain TypeScript: no Nest, TypeORM, pg, Redis, Express, Socket.IO or HTTP.',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/.*/?domain/', pathNot: spec },
      to: { path: `${framework}|^(http|https|http2)$|^libs/platform/` },
    },
    {
      name: 'domain-imports-no-outer-layer',
      comment: 'Domain code never imports the application, infrastructure or interface layer.',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/.*/?domain/', pathNot: spec },
      to: { path: '/(application|infrastructure|interface)/' },
    },
    {
      name: 'application-imports-no-interface',
      comment: 'Handlers return domain results or application DTOs; controllers (interface) map them to responses.',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/.*/?application/', pathNot: spec },
      to: { path: '/interface/' },
    },
    {
      name: 'application-imports-no-infrastructure',
      comment: 'Handlers depend on ports (application or domain); infrastructure implements them.',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/.*/?application/', pathNot: spec },
      to: { path: '/infrastructure/' },
    },
    {
      name: 'no-module-cycles',
      comment: 'No import cycles between production modules.',
      severity: 'error',
      from: { pathNot: testOnly },
      to: { circular: true, pathNot: testOnly },
    },
    {
      name: 'src-imports-no-test-code',
      comment: 'Production code never imports specs, test/, bench/ or test-only code (testing/, spec-support/).',
      severity: 'error',
      from: { path: '^(apps|libs|hosts)/', pathNot: testOnly },
      to: { path: testOnly },
    },
    {
      name: 'apps-import-no-other-app',
      comment: 'An app shares only libs/ with the others; hosts/ composes apps and may import them.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-import-no-app',
      comment: 'Libraries never import app code.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(apps|hosts)/' },
    },
    {
      name: 'client-imports-no-ui-framework',
      comment: 'libs/client is framework-free (any UI may use it): no Preact, React, Vue, Svelte, Solid, Angular or Lit.',
      severity: 'error',
      from: { path: '^libs/client/' },
      to: { path: '^node_modules/(preact|react|react-dom|vue|svelte|solid-js|@angular/[^/]+|lit|@preact/[^/]+)/' },
    },
    {
      name: 'web-imports-only-the-client',
      comment: 'apps/web talks to the system through libs/client alone: no other lib (Nest, TypeORM, the event plumbing).',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^libs/', pathNot: '^libs/client/' },
    },
    {
      name: 'outputs-import-no-package',
      comment: 'The output schemas (@choice-sherpa/events/outputs) pull in no package, so domain code may import them.',
      severity: 'error',
      from: { path: '^libs/events/src/outputs/', pathNot: testOnly },
      to: { pathNot: '^libs/events/src/outputs/' },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports and that imports nothing is dead code (or a missing import); configs and the Jest files jest.config.ts names are entry points.',
      severity: 'error',
      from: { orphan: true, pathNot: ['\\.d\\.ts$', '(^|/)(jest|vite)\\.config\\.m?ts$', '^test/setup/jest\\.[a-z-]+\\.(ts|cjs)$', '^scripts/[^/]+\\.mjs$'] },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (a misspelt path or an undeclared package).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
