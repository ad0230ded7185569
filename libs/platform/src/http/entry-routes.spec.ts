import { entryRouteFor } from './entry-routes';

describe('entry routes', () => {
  it.each([
    ['/api/sessions', 'session-cycle'],
    ['/api/sessions/abc/cycles', 'session-cycle'],
    ['/api/cycles/1/components/objectives/start', 'session-cycle'],
    ['/api/memberships/me', 'session-cycle'],
    ['/api/dev/token', 'session-cycle'],
    ['/api/conversations?cycle_id=1', 'conversation'],
    ['/api/dashboard/overview', 'dashboard-projector'],
    ['/api/notifications/preferences', 'notifier'],
    ['/socket.io/?EIO=4&transport=websocket', 'ws-gateway'],
    ['/api/docs/session-cycle', 'session-cycle'],
    ['/api/docs/conversation/openapi.json', 'conversation'],
    ['/api/docs/notifier/swagger-ui.css', 'notifier'],
    ['/api/docs', 'web'],
    ['/', 'web'],
    ['/sessions/abc', 'web'],
    ['/api/sessionsX', 'web'],
  ])('%s goes to %s', (path, target) => {
    expect(entryRouteFor(path).target).toBe(target);
  });

  it('only the gateway route carries WebSocket upgrades', () => {
    expect(entryRouteFor('/socket.io/').websocket).toBe(true);
    expect(entryRouteFor('/api/sessions').websocket).toBeUndefined();
  });
});
