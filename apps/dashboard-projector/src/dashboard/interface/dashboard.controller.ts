import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ComponentDetailResponse, CycleComparisonResponse, OverviewResponse, SessionViewResponse } from './dashboard.responses';
import { ApiErrors, AuthUser, CurrentUser, notFound } from '@choice-sherpa/platform';
import { DashboardReader } from '../application/dashboard-reader';
import { CompareCyclesQuery, ComponentParams, SessionParams } from './dashboard.requests';

/** API.md "dashboard-projector": the caller's own read models, snake_case JSON. */
@Controller('api/dashboard')
@ApiTags('dashboard')
export class DashboardController {
  constructor(private readonly reader: DashboardReader) {}

  @Get('overview')
  @ApiOkResponse({ type: OverviewResponse })
  overview(@CurrentUser() user: AuthUser) {
    return this.reader.overview(user.userId);
  }

  @Get('sessions/:id')
  @ApiOkResponse({ type: SessionViewResponse })
  @ApiErrors(notFound('session'))
  session(@CurrentUser() user: AuthUser, @Param() params: SessionParams) {
    return this.reader.session(user.userId, params.id);
  }

  @Get('cycles/compare')
  @ApiOkResponse({ type: CycleComparisonResponse })
  @ApiErrors(notFound('cycle'))
  compare(@CurrentUser() user: AuthUser, @Query() query: CompareCyclesQuery) {
    return this.reader.compare(user.userId, query.ids, query.components);
  }

  @Get('cycles/:id/components/:type')
  @ApiOkResponse({ type: ComponentDetailResponse })
  @ApiErrors(notFound('cycle'))
  component(@CurrentUser() user: AuthUser, @Param() params: ComponentParams) {
    return this.reader.component(user.userId, params.id, params.type);
  }
}
