import { COMPONENT_TYPES, ComponentType } from '@choice-sherpa/events';
import { IsIn, IsUUID } from 'class-validator';

/** `:id` route parameter: a UUID, else 400 naming `id` (never a database error). */
export class IdParams {
  @IsUUID() id: string;
}

/** `:id/components/:type` route parameters. */
export class ComponentParams {
  @IsUUID() id: string;
  @IsIn(COMPONENT_TYPES, { message: `type must be one of: ${COMPONENT_TYPES.join(', ')}` }) type: ComponentType;
}
