import { Module } from '@nestjs/common';
import { analysisWorkerImports } from './app.imports';

/**
 * analysis-worker: computes Pugh and decision-quality results from completed consequences and decision_quality
 * components (its own database `choice_analysis_worker`) and publishes analysis.* through its outbox.
 */
@Module({ imports: analysisWorkerImports() })
export class AppModule {}
