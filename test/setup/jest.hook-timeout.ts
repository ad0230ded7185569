/**
 * Hooks get 60 s, tests 30 s (jest.config.ts): hooks start service processes, databases and browsers. Jest has one
 * timeout for both, so a hook without its own timeout gets this one; a timeout a hook passes still wins.
 */
const HOOK_TIMEOUT_MS = 60_000;

type Hook = (fn: jest.ProvidesHookCallback, timeout?: number) => void;
const hooks = globalThis as unknown as Record<'beforeAll' | 'afterAll' | 'beforeEach' | 'afterEach', Hook>;

for (const name of ['beforeAll', 'afterAll', 'beforeEach', 'afterEach'] as const) {
  const hook = hooks[name];
  hooks[name] = (fn, timeout = HOOK_TIMEOUT_MS) => hook(fn, timeout);
}
