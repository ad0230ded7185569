import { IsIn, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { COMPONENT_TYPES, ComponentType } from '../outputs/domain-vocabulary';
import { IsComponentOutput, IsRfc3339 } from './payload-validators';
import { EventPayload } from './event-payload';

/** Fields every component event carries. */
abstract class ComponentEventPayload extends EventPayload {
  @IsUUID() cycle_id: string;
  @IsUUID() session_id: string;
  @IsUUID() component_id: string;
  @IsIn(COMPONENT_TYPES) component_type: ComponentType;
}

export class ComponentStartedPayload extends ComponentEventPayload {
  @IsRfc3339() started_at: string;
}

export class ComponentCompletedPayload extends ComponentEventPayload {
  /** The final structured output, valid under the component's schema (DOMAIN.md "Component outputs"); `{}` when none was written. */
  @IsComponentOutput({ allowNone: true }) output: Record<string, unknown>;
  @IsRfc3339() completed_at: string;
}

export class ComponentMarkedForRevisionPayload extends ComponentEventPayload {
  @IsString() @Length(1, 2000) reason: string;
  @IsRfc3339() marked_at: string;
}

export class ComponentOutputUpdatedPayload extends ComponentEventPayload {
  @IsComponentOutput() output: Record<string, unknown>;
  @IsString() @MaxLength(4000) output_summary: string;
  @IsRfc3339() updated_at: string;
}
