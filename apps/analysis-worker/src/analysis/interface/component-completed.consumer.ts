import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { OnStreamEvent, RedisStreamsContext, TypedEvent } from '@choice-sherpa/events';
import { isAnalysedComponent } from '../domain/analysis-kind';
import { RecomputeAnalysisCommand } from '../application/recompute-analysis/recompute-analysis.command';
import { RecomputeAnalysisHandler } from '../application/recompute-analysis/recompute-analysis.handler';

/** The processed_events key of the analysis consumer. */
export const ANALYSIS_HANDLER = 'compute-analysis-when-component-completed';

/** Thin: consequences and decision_quality completions become one command; every other component is skipped at once. */
@Controller()
export class ComponentCompletedConsumer {
  constructor(private readonly recompute: RecomputeAnalysisHandler) {}

  @OnStreamEvent('component.completed', { handler: ANALYSIS_HANDLER })
  async onComponentCompleted(@Payload() event: TypedEvent<'component.completed'>, @Ctx() context: RedisStreamsContext): Promise<void> {
    const component = event.payload.component_type;
    if (!isAnalysedComponent(component)) return;
    await this.recompute.execute(RecomputeAnalysisCommand.from(event, component), context.requireManager());
  }
}
