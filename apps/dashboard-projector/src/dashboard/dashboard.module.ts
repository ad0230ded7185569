import { Module } from '@nestjs/common';
import { DashboardReader } from './application/dashboard-reader';
import { ProjectDashboardEvent } from './application/project-dashboard-event';
import { ReadModelQueries } from './application/read-model-queries.port';
import { PgReadModelQueries } from './infrastructure/pg-read-model.queries';
import { DashboardController } from './interface/dashboard.controller';
import { DashboardEventsConsumer } from './interface/dashboard-events.consumer';

const controllers = [DashboardController, DashboardEventsConsumer];
const commandHandlers = [ProjectDashboardEvent];
const queryHandlers = [DashboardReader];
const repositories = [{ provide: ReadModelQueries, useClass: PgReadModelQueries }];

/** The dashboard context: the projection (stream consumer) and its HTTP queries. Needs the platform's DataSource. */
@Module({ controllers, providers: [...commandHandlers, ...queryHandlers, ...repositories] })
export class DashboardModule {}
