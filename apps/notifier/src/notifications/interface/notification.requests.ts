import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { NOTIFICATION_STATES, NotificationState } from '../domain/notification';

export class PreferencesRequest {
  @IsBoolean() cycle_summaries: boolean;
}

export class UnsubscribeQuery {
  @IsString() @Length(1, 2000) token: string;
}

export class NotificationListQuery {
  @IsOptional() @IsIn(NOTIFICATION_STATES, { message: `state must be one of ${NOTIFICATION_STATES.join(', ')}` }) state?: NotificationState;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000_000) offset?: number;
}
