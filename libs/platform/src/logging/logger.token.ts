/** Injection token of the service's pino logger. */
export const PLATFORM_LOGGER = Symbol('PLATFORM_LOGGER');
