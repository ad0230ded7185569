import { COMPONENT_TYPES, type ComponentType } from '@choice-sherpa/events/outputs';
import { IsEmpty, IsIn, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { MAX_MESSAGE_CHARS } from '../domain/message';

export class IdParams {
  @IsUUID() id: string;
}

export class FindConversationRequest {
  @IsUUID() cycle_id: string;
  @IsIn(COMPONENT_TYPES, { message: `component_type must be one of: ${COMPONENT_TYPES.join(', ')}` }) component_type: ComponentType;
}

export class SendMessageRequest {
  @IsString() @MaxLength(MAX_MESSAGE_CHARS) @Matches(/\S/, { message: 'content must not be blank' }) content: string;
}

/** POST reply takes no body: anything sent is refused (forbidNonWhitelisted). */
export class EmptyBody {
  @IsEmpty({ message: 'this route takes no body' }) readonly none?: never;
}
