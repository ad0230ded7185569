import { Module } from '@nestjs/common';
import { TransactionScope } from '@choice-sherpa/events';
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
/** A consumer-only service lists the ambient transaction's scope itself (no OutboxModule here). */
const transactions = [TransactionScope];

/** The dashboard context: the projection (stream consumer) and its HTTP queries. Needs the platform's DataSource. */
@Module({ controllers, providers: [...commandHandlers, ...queryHandlers, ...repositories, ...transactions] })
export class DashboardModule {}
