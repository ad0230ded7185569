import { ApiProperty } from '@nestjs/swagger';
import { ApiTimestamp, ApiUuid, EXAMPLE } from '@choice-sherpa/platform';
import { NOTIFICATION_KINDS, NOTIFICATION_STATES } from '../domain/notification';

/** The response classes of API.md "notifier" (the OpenAPI document's schemas and examples). */
export class PreferencesResponse {
  @ApiProperty({ description: 'A summary email when a cycle is completed', example: true }) cycle_summaries: boolean;
}

export class NotificationMetadataResponse {
  @ApiUuid({ example: '01963b30-2e33-7a55-9c76-9b2c5d6e8fa7' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, example: 'welcome' }) kind: string;
  @ApiProperty({ enum: NOTIFICATION_STATES, example: 'sent' }) state: string;
  @ApiProperty({ type: String, nullable: true, example: EXAMPLE.userId }) user_id: string | null;
  @ApiProperty({ example: 1 }) attempts: number;
  @ApiTimestamp({ nullable: true }) next_attempt_at: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SMTP code and class, never addresses', example: null }) last_error: string | null;
  @ApiUuid({ example: '01963b2e-5c1a-7d4e-8f21-3a9c0b7d6e99' }) source_event_id: string;
  @ApiUuid({ nullable: true, example: '01963b2e-5c1a-7d4e-8f21-3a9c0b7d6e10' }) correlation_id: string | null;
  @ApiTimestamp() created_at: string;
  @ApiTimestamp({ nullable: true }) finished_at: string | null;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationMetadataResponse] }) items: NotificationMetadataResponse[];
  @ApiProperty({ example: 1 }) total: number;
}
