import { Module } from '@nestjs/common';
import { dashboardProjectorImports } from './app.imports';

/**
 * dashboard-projector: consumes session, cycle, component, conversation and analysis events into its read model
 * (its own database `choice_dashboard_projector`) and serves /api/dashboard* and the dead-letter admin routes.
 */
@Module({ imports: dashboardProjectorImports() })
export class AppModule {}
