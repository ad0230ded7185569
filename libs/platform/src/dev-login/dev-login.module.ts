import { Module } from '@nestjs/common';
import { DevLoginController } from './dev-login.controller';

/** `POST /api/dev/token` (DEV_LOGIN=true only). Imported by session-cycle, which the entry point routes /api/dev to. */
@Module({ controllers: [DevLoginController] })
export class DevLoginModule {}
