import { ApiProperty } from '@nestjs/swagger';
import { ApiTimestamp, ApiUuid, EXAMPLE } from '@choice-sherpa/platform';
import { SESSION_STATUSES } from '../domain/session-status';
import type { Session } from '../domain/session.aggregate';

export class SessionResponse {
  @ApiUuid() id: string;
  @ApiProperty({ example: EXAMPLE.userId }) user_id: string;
  @ApiProperty({ example: 'Which job offer should I take?' }) title: string;
  @ApiProperty({ type: String, nullable: true, example: 'Two offers, one in Lisbon and one remote' }) description: string | null;
  @ApiProperty({ enum: SESSION_STATUSES, example: 'active' }) status: string;
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' }, example: [EXAMPLE.cycleId] }) cycle_ids: string[];
  @ApiTimestamp() created_at: string;
  @ApiTimestamp() updated_at: string;
  @ApiTimestamp({ nullable: true }) archived_at: string | null;
}

export function toSessionResponse(session: Session): SessionResponse {
  const row = session.toSnapshot();
  return {
    id: row.id,
    user_id: row.user_id,
    title: row.title,
    description: row.description,
    status: row.status,
    cycle_ids: row.cycle_ids,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    archived_at: row.archived_at?.toISOString() ?? null,
  };
}
