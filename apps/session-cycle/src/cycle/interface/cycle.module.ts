import { Module } from '@nestjs/common';
import { MembershipModule } from '../../membership/interface/membership.module';
import { SessionModule } from '../../session/interface/session.module';
import { ApplyExtractedOutputHandler } from '../application/commands/apply-extracted-output/apply-extracted-output.handler';
import { ArchiveCycleHandler } from '../application/commands/archive-cycle/archive-cycle.handler';
import { BranchCycleHandler } from '../application/commands/branch-cycle/branch-cycle.handler';
import { CompleteComponentHandler } from '../application/commands/complete-component/complete-component.handler';
import { CompleteCycleHandler } from '../application/commands/complete-cycle/complete-cycle.handler';
import { CreateCycleHandler } from '../application/commands/create-cycle/create-cycle.handler';
import { RecordCycleDqScoreHandler } from '../application/commands/record-cycle-dq-score/record-cycle-dq-score.handler';
import { ReviseComponentHandler } from '../application/commands/revise-component/revise-component.handler';
import { StartComponentHandler } from '../application/commands/start-component/start-component.handler';
import { UpdateComponentOutputHandler } from '../application/commands/update-component-output/update-component-output.handler';
import { OwnedCycleChange } from '../application/owned-cycle-change';
import { GetCycleHandler } from '../application/queries/get-cycle/get-cycle.handler';
import { CycleRepository } from '../application/cycle-repository.port';
import { DataExtractionRecords } from '../application/data-extraction-records.port';
import { PgCycleRepository } from '../infrastructure/pg-cycle.repository';
import { PgDataExtractionRecords } from '../infrastructure/pg-data-extraction-records';
import { ComponentsController } from './components.controller';
import { CycleEventsConsumer } from './cycle-events.consumer';
import { CyclesController } from './cycles.controller';
import { SessionCyclesController } from './session-cycles.controller';

const commandHandlers = [
  CreateCycleHandler,
  BranchCycleHandler,
  ArchiveCycleHandler,
  CompleteCycleHandler,
  StartComponentHandler,
  UpdateComponentOutputHandler,
  CompleteComponentHandler,
  ReviseComponentHandler,
  ApplyExtractedOutputHandler,
  RecordCycleDqScoreHandler,
];
const queryHandlers = [GetCycleHandler];
const repositories = [
  { provide: CycleRepository, useClass: PgCycleRepository },
  { provide: DataExtractionRecords, useClass: PgDataExtractionRecords },
  OwnedCycleChange,
];

@Module({
  imports: [SessionModule, MembershipModule],
  controllers: [SessionCyclesController, CyclesController, ComponentsController, CycleEventsConsumer],
  providers: [...commandHandlers, ...queryHandlers, ...repositories],
})
export class CycleModule {}
