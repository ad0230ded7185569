import { COMPONENT_TYPES, ComponentType } from '@choice-sherpa/events';
import { IsIn, IsObject, IsString, Length } from 'class-validator';

export class BranchCycleRequest {
  @IsIn(COMPONENT_TYPES, { message: `branch_point must be one of: ${COMPONENT_TYPES.join(', ')}` }) branch_point: ComponentType;
}

/** The output's shape is the component's schema, checked by the domain (400 naming the field inside `output`). */
export class UpdateOutputRequest {
  @IsObject() output: Record<string, unknown>;
}

export class ReviseComponentRequest {
  @IsString() @Length(1, 2000) reason: string;
}
