import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/auth.decorators';
import { ApiError } from '../errors/api-error';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { LiveResponse, ReadyResponse } from './health.response';
import { ReadinessService } from './readiness.service';

@Controller('health')
@ApiTags('health')
@Public()
@SkipThrottle()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @ApiOkResponse({ type: LiveResponse })
  live(): LiveResponse {
    return { status: 'ok' };
  }

  /** 200 when database, migrations and Redis are fine; 503 NOT_READY in the error shape naming the failing checks. */
  @Get('ready')
  @ApiOkResponse({ type: ReadyResponse })
  @ApiErrors(new ApiError(503, 'NOT_READY', 'not ready: redis', [{ name: 'database', status: 'up' }, { name: 'migrations', status: 'up' }, { name: 'redis', status: 'down', reason: 'connection refused' }]))
  async ready(): Promise<ReadyResponse> {
    const report = await this.readiness.check();
    if (!report.ready) {
      const down = report.checks.filter((check) => check.status === 'down');
      throw new ApiError(503, 'NOT_READY', `not ready: ${down.map((check) => check.name).join(', ')}`, report.checks);
    }
    return { status: 'ready', checks: report.checks };
  }
}
