import { COMPONENT_TYPES, ComponentType } from '@choice-sherpa/events';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsObject, IsString, Length } from 'class-validator';

export class BranchCycleRequest {
  @ApiProperty({ enum: COMPONENT_TYPES, description: 'The component the new cycle branches at (started in this cycle)', example: 'alternatives' })
  @IsIn(COMPONENT_TYPES, { message: `branch_point must be one of: ${COMPONENT_TYPES.join(', ')}` }) branch_point: ComponentType;
}

/** The output's shape is the component's schema, checked by the domain (400 naming the field inside `output`). */
export class UpdateOutputRequest {
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The component type's output schema", example: { fundamental_objectives: [{ id: 'o1', description: 'Grow as an engineer' }] } })
  @IsObject() output: Record<string, unknown>;
}

export class ReviseComponentRequest {
  @ApiProperty({ minLength: 1, maxLength: 2000, example: 'A third offer came in' })
  @IsString() @Length(1, 2000) reason: string;
}
