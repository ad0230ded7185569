import { Controller, Get, Param, Query } from '@nestjs/common';
import { AuthUser, CurrentUser } from '@choice-sherpa/platform';
import { DashboardReader } from '../application/dashboard-reader';
import { CompareCyclesQuery, ComponentParams, SessionParams } from './dashboard.requests';

/** API.md "dashboard-projector": the caller's own read models, snake_case JSON. */
@Controller('api/dashboard')
export class DashboardController {
  constructor(private readonly reader: DashboardReader) {}

  @Get('overview')
  overview(@CurrentUser() user: AuthUser) {
    return this.reader.overview(user.userId);
  }

  @Get('sessions/:id')
  session(@CurrentUser() user: AuthUser, @Param() params: SessionParams) {
    return this.reader.session(user.userId, params.id);
  }

  @Get('cycles/compare')
  compare(@CurrentUser() user: AuthUser, @Query() query: CompareCyclesQuery) {
    return this.reader.compare(user.userId, query.ids, query.components);
  }

  @Get('cycles/:id/components/:type')
  component(@CurrentUser() user: AuthUser, @Param() params: ComponentParams) {
    return this.reader.component(user.userId, params.id, params.type);
  }
}
