import type { EventMetadataInput } from '@choice-sherpa/events';
import { currentCorrelationId } from '@choice-sherpa/platform';

/** Metadata of events raised by a user's request: the request's correlation id and the acting user. */
export function requestMetadata(userId: string): EventMetadataInput {
  return { correlationId: currentCorrelationId(), userId };
}
