// The wire shape of an event; the lowest folder of the package: catalog/ and raising/ build on it, it imports neither.
export * from './event-envelope';
export * from './event-metadata';
