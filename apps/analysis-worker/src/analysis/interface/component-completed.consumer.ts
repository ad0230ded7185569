import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnStreamEvent, TypedEvent } from '@choice-sherpa/events';
import { isAnalysedComponent } from '../domain/analysis-kind';
import { RecomputeAnalysisCommand } from '../application/recompute-analysis/recompute-analysis.command';
import { RecomputeAnalysisHandler } from '../application/recompute-analysis/recompute-analysis.handler';

/** The processed_events key of the analysis consumer. */
export const ANALYSIS_HANDLER = 'compute-analysis-when-component-completed';

/**
 * Thin, a batch handler: the completions of a read not processed yet (stream order, so a cycle's in order) in the
 * read's one idempotent transaction (one processed_events statement for all); consequences and decision_quality
 * completions become one command each, every other component is skipped at once. A batch that throws rolls back and
 * comes again one event at a time, so a failing completion is retried and dead-lettered alone.
 */
@Controller()
export class ComponentCompletedConsumer {
  constructor(private readonly recompute: RecomputeAnalysisHandler) {}

  @OnStreamEvent('component.completed', { handler: ANALYSIS_HANDLER, batch: true })
  async onComponentCompleted(@Payload() events: TypedEvent<'component.completed'>[]): Promise<void> {
    const commands = events.flatMap((event) => {
      const component = event.payload.component_type;
      return isAnalysedComponent(component) ? [RecomputeAnalysisCommand.from(event, component)] : [];
    });
    if (commands.length === 0) return;
    // in the ambient transaction: the transport's idempotent one for this read
    for (const command of commands) await this.recompute.execute(command);
  }
}
