import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { COMPONENT_TYPES, ComponentType } from '../domain/component-types';

const commaList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value;

export class SessionParams {
  @IsUUID() id: string;
}

export class ComponentParams {
  @IsUUID() id: string;
  @IsIn(COMPONENT_TYPES, { message: `type must be one of ${COMPONENT_TYPES.join(', ')}` }) type: ComponentType;
}

/** `?ids=a,b[,...]` (2 to 10 distinct cycle ids) and optionally `&components=objectives,alternatives`. */
export class CompareCyclesQuery {
  @Transform(commaList)
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids: string[];

  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(9)
  @IsIn(COMPONENT_TYPES, { each: true, message: `each value in components must be one of ${COMPONENT_TYPES.join(', ')}` })
  components?: ComponentType[];
}
