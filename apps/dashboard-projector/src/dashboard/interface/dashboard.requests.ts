import { Transform } from 'class-transformer';
import { ApiProperty } from '@nestjs/swagger';
import { ApiUuid, EXAMPLE } from '@choice-sherpa/platform';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { COMPONENT_TYPES, ComponentType } from '../domain/component-types';

const commaList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value;

export class SessionParams {
  @ApiUuid() @IsUUID() id: string;
}

export class ComponentParams {
  @ApiUuid({ example: EXAMPLE.cycleId }) @IsUUID() id: string;
  @ApiProperty({ enum: COMPONENT_TYPES, example: 'objectives' })
  @IsIn(COMPONENT_TYPES, { message: `type must be one of ${COMPONENT_TYPES.join(', ')}` }) type: ComponentType;
}

/** `?ids=a,b[,...]` (2 to 10 distinct cycle ids) and optionally `&components=objectives,alternatives`. */
export class CompareCyclesQuery {
  @ApiProperty({ description: '2 to 10 distinct cycle ids, comma-separated', type: String, example: `${EXAMPLE.cycleId},01963b2e-6a40-7b11-9c32-5d8e1f2a4b00` })
  @Transform(commaList)
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids: string[];

  @ApiProperty({ required: false, description: 'Component types to list, comma-separated (default: all nine)', type: String, example: 'objectives,alternatives' })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(9)
  @IsIn(COMPONENT_TYPES, { each: true, message: `each value in components must be one of ${COMPONENT_TYPES.join(', ')}` })
  components?: ComponentType[];
}
