import { Controller, Get } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/auth.decorators';
import { ApiError } from '../errors/api-error';
import { ReadinessService } from './readiness.service';

@Controller('health')
@Public()
@SkipThrottle()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 when database, migrations and Redis are fine; 503 NOT_READY in the error shape naming the failing checks. */
  @Get('ready')
  async ready(): Promise<{ status: 'ready'; checks: unknown[] }> {
    const report = await this.readiness.check();
    if (!report.ready) {
      const down = report.checks.filter((check) => check.status === 'down');
      throw new ApiError(503, 'NOT_READY', `not ready: ${down.map((check) => check.name).join(', ')}`, report.checks);
    }
    return { status: 'ready', checks: report.checks };
  }
}
