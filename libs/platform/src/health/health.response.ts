import { ApiProperty } from '@nestjs/swagger';

export class LiveResponse {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status!: 'ok';
}

export class ReadinessCheck {
  @ApiProperty({ enum: ['database', 'migrations', 'redis'], example: 'database' })
  name!: 'database' | 'migrations' | 'redis';

  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: 'up' | 'down';

  @ApiProperty({ required: false, description: 'Why a check is down', example: 'connection refused' })
  reason?: string;
}

export class ReadyResponse {
  @ApiProperty({ enum: ['ready'], example: 'ready' })
  status!: 'ready';

  @ApiProperty({ type: [ReadinessCheck], example: [{ name: 'database', status: 'up' }, { name: 'migrations', status: 'up' }, { name: 'redis', status: 'up' }] })
  checks!: ReadinessCheck[];
}
