import { COMPONENT_TYPES, type ComponentType } from '@choice-sherpa/events/outputs';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ApiUuid, EXAMPLE } from '@choice-sherpa/platform';
import { IsEmpty, IsIn, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { MAX_MESSAGE_CHARS } from '../domain/message';

export class IdParams {
  @ApiUuid({ example: EXAMPLE.conversationId }) @IsUUID() id: string;
}

export class FindConversationRequest {
  @ApiUuid({ example: EXAMPLE.cycleId }) @IsUUID() cycle_id: string;
  @ApiProperty({ enum: COMPONENT_TYPES, example: 'objectives' })
  @IsIn(COMPONENT_TYPES, { message: `component_type must be one of: ${COMPONENT_TYPES.join(', ')}` }) component_type: ComponentType;
}

export class SendMessageRequest {
  @ApiProperty({ maxLength: MAX_MESSAGE_CHARS, description: 'Not blank', example: 'Growing as an engineer matters most, then the salary.' })
  @IsString() @MaxLength(MAX_MESSAGE_CHARS) @Matches(/\S/, { message: 'content must not be blank' }) content: string;
}

/** POST reply takes no body: anything sent is refused (forbidNonWhitelisted). */
@ApiSchema({ description: 'The route takes no body: send none, or `{}`' })
export class EmptyBody {
  @IsEmpty({ message: 'this route takes no body' }) readonly none?: never;
}
