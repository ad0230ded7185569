import { Module } from '@nestjs/common';
import { notifierImports } from './app.imports';

/**
 * notifier: emails on membership changes and completed cycles, from its own projections and mail outbox (its own
 * database `choice_notifier`); serves /api/notifications* and the admin routes.
 */
@Module({ imports: notifierImports() })
export class AppModule {}
