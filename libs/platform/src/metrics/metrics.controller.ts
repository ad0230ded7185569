import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { register } from 'prom-client';
import { Public } from '../auth/auth.decorators';

/** Prometheus text format of the default register (process metrics, HTTP, transport and outbox metrics). */
@Controller('metrics')
@ApiTags('metrics')
@Public()
@SkipThrottle()
export class MetricsController {
  @Get()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format', schema: { type: 'string', example: '# TYPE http_requests_total counter\nhttp_requests_total{method="GET",route="/api/sessions",status="200"} 3\n' } })
  @Header('Content-Type', register.contentType)
  @Header('Cache-Control', 'no-store')
  metrics(): Promise<string> {
    return register.metrics();
  }
}
