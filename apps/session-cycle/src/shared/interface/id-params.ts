import { COMPONENT_TYPES, ComponentType } from '@choice-sherpa/events';
import { ApiProperty } from '@nestjs/swagger';
import { ApiUuid, EXAMPLE } from '@choice-sherpa/platform';
import { IsIn, IsUUID } from 'class-validator';

/** `:id` route parameter: a UUID, else 400 naming `id` (never a database error). */
export class IdParams {
  @ApiUuid() @IsUUID() id: string;
}

/** `:id/components/:type` route parameters. */
export class ComponentParams {
  @ApiUuid({ example: EXAMPLE.cycleId }) @IsUUID() id: string;
  @ApiProperty({ enum: COMPONENT_TYPES, example: 'objectives' })
  @IsIn(COMPONENT_TYPES, { message: `type must be one of: ${COMPONENT_TYPES.join(', ')}` }) type: ComponentType;
}
