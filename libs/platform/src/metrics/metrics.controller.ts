import { Controller, Get, Header } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { register } from 'prom-client';
import { Public } from '../auth/auth.decorators';

/** Prometheus text format of the default register (process metrics, HTTP, transport and outbox metrics). */
@Controller('metrics')
@Public()
@SkipThrottle()
export class MetricsController {
  @Get()
  @Header('Content-Type', register.contentType)
  @Header('Cache-Control', 'no-store')
  metrics(): Promise<string> {
    return register.metrics();
  }
}
