export interface LoggedError {
  type: string;
  message?: string;
  code?: string;
  constraint?: string;
  table?: string;
  stack?: string;
}

interface DatabaseErrorFields {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  severity?: unknown;
  driverError?: DatabaseErrorFields;
}

/**
 * An error as a log field without user data: database errors (pg, TypeORM's QueryFailedError) echo query parameters
 * and input values in their messages ("invalid input syntax for type uuid: \"...\""), so only their SQLSTATE,
 * constraint and table are kept; the stack keeps its frames but not the message line.
 */
export function describeError(error: unknown): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error };
  const frames = error.stack?.split('\n').filter((line) => line.trimStart().startsWith('at ')).join('\n');
  const database = databaseFields(error as Error & DatabaseErrorFields);
  if (database) return { type: error.name, ...database, stack: frames };
  return { type: error.name, message: error.message, stack: frames };
}

function databaseFields(error: DatabaseErrorFields & { name?: string }): Omit<LoggedError, 'type'> | undefined {
  const source = error.driverError ?? error;
  const isDatabaseError = error.name === 'QueryFailedError' || (typeof source.code === 'string' && /^[0-9A-Z]{5}$/.test(source.code) && 'severity' in source);
  if (!isDatabaseError) return undefined;
  return {
    code: typeof source.code === 'string' ? source.code : undefined,
    constraint: typeof source.constraint === 'string' ? source.constraint : undefined,
    table: typeof source.table === 'string' ? source.table : undefined,
  };
}
