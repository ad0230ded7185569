import { ConversationsApi } from './conversations.api';
import { HttpOptions, HttpTransport } from './http-transport';
import { DashboardApi, NotificationsApi } from './read-side.api';
import { CyclesApi, DevAuthApi, MembershipsApi, SessionsApi } from './session-cycle.api';

/** Every route of API.md behind the one entry point, grouped as the services are. */
export class ChoiceSherpaApi {
  readonly sessions: SessionsApi;
  readonly cycles: CyclesApi;
  readonly memberships: MembershipsApi;
  readonly conversations: ConversationsApi;
  readonly dashboard: DashboardApi;
  readonly notifications: NotificationsApi;
  readonly devAuth: DevAuthApi;

  constructor(options: HttpOptions = {}) {
    const http = new HttpTransport(options);
    this.sessions = new SessionsApi(http);
    this.cycles = new CyclesApi(http);
    this.memberships = new MembershipsApi(http);
    this.conversations = new ConversationsApi(http);
    this.dashboard = new DashboardApi(http);
    this.notifications = new NotificationsApi(http);
    this.devAuth = new DevAuthApi(http);
  }
}
