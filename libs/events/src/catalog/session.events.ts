import { IsString, IsUUID, Length } from 'class-validator';
import { IsRfc3339 } from './payload-validators';
import { EventPayload } from './event-payload';

export class SessionCreatedPayload extends EventPayload {
  @IsUUID() session_id: string;
  @IsString() @Length(1, 200) user_id: string;
  @IsString() @Length(1, 500) title: string;
  @IsRfc3339() created_at: string;
}

export class SessionArchivedPayload extends EventPayload {
  @IsUUID() session_id: string;
  @IsRfc3339() archived_at: string;
}

export class SessionRenamedPayload extends EventPayload {
  @IsUUID() session_id: string;
  @IsString() @Length(1, 500) old_title: string;
  @IsString() @Length(1, 500) new_title: string;
}
