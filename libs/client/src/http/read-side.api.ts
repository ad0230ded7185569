import type { ComponentType } from '../domain/vocabulary';
import type { ComponentDetail, CycleComparison, NotificationPreferences, Overview, SessionView } from './api-types';
import { HttpTransport, RequestOptions, segment } from './http-transport';

/** `/api/dashboard*` (dashboard-projector): the read models. */
export class DashboardApi {
  constructor(private readonly http: HttpTransport) {}

  overview(options?: RequestOptions): Promise<Overview> {
    return this.http.get('/api/dashboard/overview', options);
  }

  session(sessionId: string, options?: RequestOptions): Promise<SessionView> {
    return this.http.get(`/api/dashboard/sessions/${segment(sessionId)}`, options);
  }

  component<T extends ComponentType>(cycleId: string, type: T, options?: RequestOptions): Promise<ComponentDetail<T>> {
    return this.http.get(`/api/dashboard/cycles/${segment(cycleId)}/components/${segment(type)}`, options);
  }

  compare(cycleIds: string[], components?: ComponentType[], options?: RequestOptions): Promise<CycleComparison> {
    const query = new URLSearchParams({ ids: cycleIds.join(',') });
    if (components && components.length > 0) query.set('components', components.join(','));
    return this.http.get(`/api/dashboard/cycles/compare?${query}`, options);
  }
}

/** `/api/notifications*` (notifier). */
export class NotificationsApi {
  constructor(private readonly http: HttpTransport) {}

  preferences(options?: RequestOptions): Promise<NotificationPreferences> {
    return this.http.get('/api/notifications/preferences', options);
  }

  setPreferences(preferences: NotificationPreferences, options?: RequestOptions): Promise<NotificationPreferences> {
    return this.http.put('/api/notifications/preferences', preferences, options);
  }

  unsubscribe(token: string, options?: RequestOptions): Promise<unknown> {
    return this.http.post(`/api/notifications/unsubscribe?${new URLSearchParams({ token })}`, undefined, options);
  }
}
