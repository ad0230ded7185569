import { DeadLetterAdminModule } from '@choice-sherpa/events';
import { PlatformModule, PlatformModuleOptions } from '@choice-sherpa/platform';
import { DashboardModule } from './dashboard/dashboard.module';
import { DASHBOARD_MIGRATIONS } from './dashboard/infrastructure/dashboard.migrations';

/**
 * What the dashboard-projector app is made of; `platform` overrides the environment (tests), production reads
 * process.env. Kept apart from AppModule so a test can build its own app without AppModule's import-time
 * registration of the default DataSource.
 */
export function dashboardProjectorImports(platform: Pick<PlatformModuleOptions, 'env' | 'config'> = {}) {
  return [
    PlatformModule.forService({ service: 'dashboard-projector', migrations: DASHBOARD_MIGRATIONS, ...platform }),
    DeadLetterAdminModule,
    DashboardModule,
  ];
}
