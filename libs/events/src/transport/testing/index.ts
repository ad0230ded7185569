/** Test-only pieces of the transport (`@choice-sherpa/events/transport/testing`): nothing in production imports them. */
export * from './redis-streams.client';
