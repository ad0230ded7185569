import { Controller, Delete, Get, HttpCode, NotFoundException, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdminOnly } from './admin-role';
import { DeadLetterReplayService, ReplayResult } from './dead-letter-replay.service';
import { DeadLetterRow, DeadLetterStore } from './dead-letter.store';

const MAX_PAGE = 200;

@Controller('admin/dead-letters')
@AdminOnly()
export class DeadLetterAdminController {
  private readonly store: DeadLetterStore;

  constructor(dataSource: DataSource, private readonly replays: DeadLetterReplayService) {
    this.store = new DeadLetterStore(dataSource);
  }

  /** Metadata only (no payloads); `GET /admin/dead-letters/:id` returns the raw entry. */
  @Get()
  async list(@Query('limit') limit?: string, @Query('offset') offset?: string): Promise<{ items: Omit<DeadLetterRow, 'raw_fields'>[]; total: number }> {
    const take = clamp(limit, 50, 1, MAX_PAGE);
    const skip = clamp(offset, 0, 0, Number.MAX_SAFE_INTEGER);
    const [items, total] = await Promise.all([this.store.list(take, skip), this.store.count()]);
    return { items, total };
  }

  @Get(':id')
  async get(@Param('id', ParseIntPipe) id: number): Promise<DeadLetterRow> {
    const letter = await this.store.get(String(id));
    if (!letter) throw new NotFoundException('dead letter not found');
    return letter;
  }

  @Post(':id/replay')
  @HttpCode(200)
  replay(@Param('id', ParseIntPipe) id: number): Promise<ReplayResult> {
    return this.replays.replay(String(id));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', ParseIntPipe) id: number): Promise<void> {
    if (!(await this.store.delete(String(id)))) throw new NotFoundException('dead letter not found');
  }
}

function clamp(raw: string | undefined, fallback: number, min: number, max: number): number {
  const value = raw === undefined ? fallback : Number.parseInt(raw, 10);
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}
