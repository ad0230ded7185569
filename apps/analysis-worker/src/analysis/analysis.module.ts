import { Module } from '@nestjs/common';
import { RecomputeAnalysisHandler } from './application/recompute-analysis/recompute-analysis.handler';
import { AnalysisResults } from './application/analysis-results.port';
import { PgAnalysisResults } from './infrastructure/pg-analysis-results';
import { ComponentCompletedConsumer } from './interface/component-completed.consumer';
import { CycleBranchedConsumer } from './interface/cycle-branched.consumer';

const controllers = [ComponentCompletedConsumer, CycleBranchedConsumer];
const commandHandlers = [RecomputeAnalysisHandler];
const repositories = [{ provide: AnalysisResults, useClass: PgAnalysisResults }];

/** The analysis context: Pugh and DQ from completed components. Needs the platform's DataSource and the OutboxModule. */
@Module({ controllers, providers: [...commandHandlers, ...repositories] })
export class AnalysisModule {}
