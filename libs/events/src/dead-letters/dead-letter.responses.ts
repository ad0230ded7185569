import { ApiProperty } from '@nestjs/swagger';
import { ApiTimestamp } from '@choice-sherpa/platform';

const EVENT_ID = '01963b2e-5c1a-7d4e-8f21-3a9c0b7d6e99';

/** A dead letter's metadata (the list shows no payloads). */
export class DeadLetterSummary {
  @ApiProperty({ description: 'A bigserial id, as a string', example: '42' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: EVENT_ID })
  event_id!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'component.completed' })
  event_type!: string | null;

  @ApiProperty({ example: 'choice-sherpa:p3' })
  stream!: string;

  @ApiProperty({ example: '1767225600000-0' })
  entry_id!: string;

  @ApiProperty({ example: 'dashboard-projector' })
  consumer_group!: string;

  @ApiProperty({ type: String, nullable: true, example: 'ComponentCompletedHandler' })
  handler!: string | null;

  @ApiProperty({ description: 'The last failure, without payload text', example: 'handler failed: timeout' })
  error_message!: string;

  @ApiProperty({ example: 'handler_failed' })
  reason_code!: string;

  @ApiProperty({ example: 5 })
  attempts!: number;

  @ApiTimestamp()
  first_failed_at!: string;

  @ApiTimestamp()
  last_failed_at!: string;

  @ApiTimestamp({ nullable: true })
  replayed_at!: string | null;
}

export class DeadLetterPage {
  @ApiProperty({ type: [DeadLetterSummary] })
  items!: DeadLetterSummary[];

  @ApiProperty({ example: 1 })
  total!: number;
}

/** One dead letter with the stream entry's raw fields (admin only). */
export class DeadLetterEntry extends DeadLetterSummary {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { event_type: 'component.completed', event_id: EVENT_ID } })
  raw_fields!: Record<string, string>;
}

export class ReplayOutcome {
  @ApiProperty({ example: 'ComponentCompletedHandler' })
  handler!: string;

  @ApiProperty({ enum: ['applied', 'duplicate'], example: 'applied' })
  outcome!: 'applied' | 'duplicate';
}

export class ReplayResponse {
  @ApiProperty({ example: '42' })
  id!: string;

  @ApiProperty({ type: [ReplayOutcome] })
  outcomes!: ReplayOutcome[];
}
