import { DeadLetterAdminModule, OutboxModule } from '@choice-sherpa/events';
import { PlatformModule, PlatformModuleOptions } from '@choice-sherpa/platform';
import { AnalysisModule } from './analysis/analysis.module';
import { ANALYSIS_MIGRATIONS } from './analysis/infrastructure/analysis.migrations';

/**
 * What the analysis-worker app is made of; `platform` overrides the environment (tests), production reads
 * process.env. Kept apart from AppModule so a test can build its own app.
 */
export function analysisWorkerImports(platform: Pick<PlatformModuleOptions, 'env' | 'config'> = {}) {
  return [
    PlatformModule.forService({ service: 'analysis-worker', migrations: ANALYSIS_MIGRATIONS, ...platform }),
    OutboxModule.forRoot(),
    DeadLetterAdminModule,
    AnalysisModule,
  ];
}
