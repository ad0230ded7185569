import type { AnyEvent } from '../catalog/event-registry';
import { parseStreamEntry } from '../parse/parse-event';
import type { ParseResult } from '../parse/parse-failure';

/** What a handler receives: a validated, typed event of the catalog. */
export type TransportEvent = AnyEvent;

export type ParseOutcome = ParseResult;

/** Turns a stream entry's fields into an event or a precise reason; replaceable for tests of malformed input. */
export type ParseMessage = (fields: Record<string, string>) => ParseOutcome;

/** The catalog parser: nothing downstream ever sees an unvalidated payload. */
export const defaultParseMessage: ParseMessage = (fields) => parseStreamEntry(fields);
