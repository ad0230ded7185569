import type { ComponentOutput } from '../domain/outputs';
import type { ComponentType, MembershipTier } from '../domain/vocabulary';
import type { Cycle, Membership, MyMembership, Session } from './api-types';
import { HttpTransport, RequestOptions, segment } from './http-transport';

/** `/api/sessions*` (session-cycle). */
export class SessionsApi {
  constructor(private readonly http: HttpTransport) {}

  create(body: { title: string; description?: string }, options?: RequestOptions): Promise<Session> {
    return this.http.post('/api/sessions', body, options);
  }

  list(options?: RequestOptions): Promise<Session[]> {
    return this.http.get('/api/sessions', options);
  }

  get(sessionId: string, options?: RequestOptions): Promise<Session> {
    return this.http.get(`/api/sessions/${segment(sessionId)}`, options);
  }

  rename(sessionId: string, title: string, options?: RequestOptions): Promise<Session> {
    return this.http.patch(`/api/sessions/${segment(sessionId)}`, { title }, options);
  }

  archive(sessionId: string, options?: RequestOptions): Promise<Session> {
    return this.http.post(`/api/sessions/${segment(sessionId)}/archive`, undefined, options);
  }

  createCycle(sessionId: string, options?: RequestOptions): Promise<Cycle> {
    return this.http.post(`/api/sessions/${segment(sessionId)}/cycles`, undefined, options);
  }
}

/** `/api/cycles*` (session-cycle): cycles and their nine components. */
export class CyclesApi {
  constructor(private readonly http: HttpTransport) {}

  get(cycleId: string, options?: RequestOptions): Promise<Cycle> {
    return this.http.get(`/api/cycles/${segment(cycleId)}`, options);
  }

  branch(cycleId: string, branchPoint: ComponentType, options?: RequestOptions): Promise<Cycle> {
    return this.http.post(`/api/cycles/${segment(cycleId)}/branch`, { branch_point: branchPoint }, options);
  }

  archive(cycleId: string, options?: RequestOptions): Promise<Cycle> {
    return this.http.post(`/api/cycles/${segment(cycleId)}/archive`, undefined, options);
  }

  complete(cycleId: string, options?: RequestOptions): Promise<Cycle> {
    return this.http.post(`/api/cycles/${segment(cycleId)}/complete`, undefined, options);
  }

  startComponent(cycleId: string, type: ComponentType, options?: RequestOptions): Promise<Cycle> {
    return this.http.post(this.component(cycleId, type, 'start'), undefined, options);
  }

  updateOutput<T extends ComponentType>(cycleId: string, type: T, output: ComponentOutput<T>, options?: RequestOptions): Promise<Cycle> {
    return this.http.put(this.component(cycleId, type, 'output'), { output }, options);
  }

  completeComponent(cycleId: string, type: ComponentType, options?: RequestOptions): Promise<Cycle> {
    return this.http.post(this.component(cycleId, type, 'complete'), undefined, options);
  }

  reviseComponent(cycleId: string, type: ComponentType, reason: string, options?: RequestOptions): Promise<Cycle> {
    return this.http.post(this.component(cycleId, type, 'revise'), { reason }, options);
  }

  private component(cycleId: string, type: ComponentType, action: string): string {
    return `/api/cycles/${segment(cycleId)}/components/${segment(type)}/${action}`;
  }
}

/** `/api/memberships*` (session-cycle). */
export class MembershipsApi {
  constructor(private readonly http: HttpTransport) {}

  create(tier: MembershipTier, options?: RequestOptions): Promise<Membership> {
    return this.http.post('/api/memberships', { tier }, options);
  }

  mine(options?: RequestOptions): Promise<MyMembership> {
    return this.http.get('/api/memberships/me', options);
  }

  upgrade(membershipId: string, tier: MembershipTier, options?: RequestOptions): Promise<Membership> {
    return this.http.post(`/api/memberships/${segment(membershipId)}/upgrade`, { tier }, options);
  }

  cancel(membershipId: string, reason?: string, options?: RequestOptions): Promise<Membership> {
    return this.http.post(`/api/memberships/${segment(membershipId)}/cancel`, reason === undefined ? {} : { reason }, options);
  }
}

/** `POST /api/dev/token` (development sign-in, only where DEV_LOGIN=true; 404 elsewhere). */
export class DevAuthApi {
  constructor(private readonly http: HttpTransport) {}

  async token(userId: string, email?: string, options?: RequestOptions): Promise<string> {
    const body = await this.http.post<{ token: string }>('/api/dev/token', email ? { user_id: userId, email } : { user_id: userId }, options);
    return body.token;
  }
}
