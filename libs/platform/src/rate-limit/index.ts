export * from './client-ip-throttler.guard';
export { SkipThrottle, Throttle } from '@nestjs/throttler';
