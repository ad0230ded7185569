export * from './client-throttler.guard';
export * from './rate-limit-storage';
export { SkipThrottle, Throttle } from '@nestjs/throttler';
