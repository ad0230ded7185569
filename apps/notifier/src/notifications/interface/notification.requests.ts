import { Type } from 'class-transformer';
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { NOTIFICATION_STATES, NotificationState } from '../domain/notification';

export class PreferencesRequest {
  @ApiProperty({ example: false }) @IsBoolean() cycle_summaries: boolean;
}

export class UnsubscribeQuery {
  @ApiProperty({ description: 'The signed token of the List-Unsubscribe link', minLength: 1, maxLength: 2000, example: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTdmM2EifQ.c2lnbmF0dXJl' })
  @IsString() @Length(1, 2000) token: string;
}

export class NotificationListQuery {
  @ApiProperty({ required: false, enum: NOTIFICATION_STATES, example: 'pending' })
  @IsOptional() @IsIn(NOTIFICATION_STATES, { message: `state must be one of ${NOTIFICATION_STATES.join(', ')}` }) state?: NotificationState;
  @ApiProperty({ required: false, type: 'integer', minimum: 1, maximum: 200, default: 50, example: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiProperty({ required: false, type: 'integer', minimum: 0, default: 0, example: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000_000) offset?: number;
}
