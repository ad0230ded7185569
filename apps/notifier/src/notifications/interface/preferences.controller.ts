import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PreferencesResponse } from './notification.responses';
import { AuthUser, CurrentUser } from '@choice-sherpa/platform';
import { NotificationPreferences, Preferences } from '../application/notification-preferences';
import { PreferencesRequest } from './notification.requests';

export const toPreferencesResponse = (preferences: Preferences): PreferencesResponse => ({ cycle_summaries: preferences.cycleSummaries });

/** API.md "notifier": the caller's own preferences. */
@Controller('api/notifications/preferences')
@ApiTags('notifications')
export class PreferencesController {
  constructor(private readonly preferences: NotificationPreferences) {}

  @Get()
  @ApiOkResponse({ type: PreferencesResponse })
  async get(@CurrentUser() user: AuthUser) {
    return toPreferencesResponse(await this.preferences.get(user.userId));
  }

  @Put()
  @ApiOkResponse({ type: PreferencesResponse })
  async put(@CurrentUser() user: AuthUser, @Body() body: PreferencesRequest) {
    return toPreferencesResponse(await this.preferences.set(user.userId, { cycleSummaries: body.cycle_summaries }));
  }
}
