import { CycleDqScoreEntity } from '../../cycle/infrastructure/cycle-dq-score.entity';
import { CycleEntity } from '../../cycle/infrastructure/cycle.entity';
import { DataExtractionRecordEntity } from '../../cycle/infrastructure/data-extraction-record.entity';
import { MembershipEntity } from '../../membership/infrastructure/membership.entity';
import { SessionEntity } from '../../session/infrastructure/session.entity';

export const SESSION_CYCLE_ENTITIES = [SessionEntity, CycleEntity, CycleDqScoreEntity, DataExtractionRecordEntity, MembershipEntity];
