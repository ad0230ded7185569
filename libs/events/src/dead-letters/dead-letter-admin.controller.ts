import { Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, notFound } from '@choice-sherpa/platform';
import { DataSource } from 'typeorm';
import { AdminOnly } from './admin-role';
import { DeadLetterReplayService, ReplayResult } from './dead-letter-replay.service';
import { DeadLetterIdPipe, DeadLetterListQuery } from './dead-letter.requests';
import { DeadLetterEntry, DeadLetterPage, ReplayResponse } from './dead-letter.responses';
import { DeadLetterRow, DeadLetterStore } from '../consumer/dead-letter.store';

@Controller('admin/dead-letters')
@ApiTags('admin')
@AdminOnly()
export class DeadLetterAdminController {
  private readonly store: DeadLetterStore;

  constructor(dataSource: DataSource, private readonly replays: DeadLetterReplayService) {
    this.store = new DeadLetterStore(dataSource);
  }

  /** Metadata only (no payloads); `GET /admin/dead-letters/:id` returns the raw entry. */
  @Get()
  @ApiOkResponse({ type: DeadLetterPage })
  async list(@Query() query: DeadLetterListQuery): Promise<{ items: Omit<DeadLetterRow, 'raw_fields'>[]; total: number }> {
    const [items, total] = await Promise.all([this.store.list(query.limit ?? 50, query.offset ?? 0), this.store.count()]);
    return { items, total };
  }

  @Get(':id')
  @ApiOkResponse({ type: DeadLetterEntry })
  @ApiErrors(notFound('dead letter'))
  async get(@Param('id', DeadLetterIdPipe) id: string): Promise<DeadLetterRow> {
    const letter = await this.store.get(id);
    if (!letter) throw new NotFoundException('dead letter not found');
    return letter;
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOkResponse({ type: ReplayResponse })
  @ApiErrors(notFound('dead letter'))
  replay(@Param('id', DeadLetterIdPipe) id: string): Promise<ReplayResult> {
    return this.replays.replay(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiErrors(notFound('dead letter'))
  async remove(@Param('id', DeadLetterIdPipe) id: string): Promise<void> {
    if (!(await this.store.delete(id))) throw new NotFoundException('dead letter not found');
  }
}
