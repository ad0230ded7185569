import { Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdminOnly } from './admin-role';
import { DeadLetterReplayService, ReplayResult } from './dead-letter-replay.service';
import { DeadLetterIdPipe, DeadLetterListQuery } from './dead-letter.requests';
import { DeadLetterRow, DeadLetterStore } from '../consumer/dead-letter.store';

@Controller('admin/dead-letters')
@AdminOnly()
export class DeadLetterAdminController {
  private readonly store: DeadLetterStore;

  constructor(dataSource: DataSource, private readonly replays: DeadLetterReplayService) {
    this.store = new DeadLetterStore(dataSource);
  }

  /** Metadata only (no payloads); `GET /admin/dead-letters/:id` returns the raw entry. */
  @Get()
  async list(@Query() query: DeadLetterListQuery): Promise<{ items: Omit<DeadLetterRow, 'raw_fields'>[]; total: number }> {
    const [items, total] = await Promise.all([this.store.list(query.limit ?? 50, query.offset ?? 0), this.store.count()]);
    return { items, total };
  }

  @Get(':id')
  async get(@Param('id', DeadLetterIdPipe) id: string): Promise<DeadLetterRow> {
    const letter = await this.store.get(id);
    if (!letter) throw new NotFoundException('dead letter not found');
    return letter;
  }

  @Post(':id/replay')
  @HttpCode(200)
  replay(@Param('id', DeadLetterIdPipe) id: string): Promise<ReplayResult> {
    return this.replays.replay(id);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', DeadLetterIdPipe) id: string): Promise<void> {
    if (!(await this.store.delete(id))) throw new NotFoundException('dead letter not found');
  }
}
