/** Body of a route that takes none: declared so the global ValidationPipe rejects any field sent to it. */
export class EmptyBody {}
