// @choice-sherpa/client: the typed events, HTTP routes, live connection and stores of Choice Sherpa, for any
// JavaScript UI (no framework): stores expose Observables (get + subscribe).
export * from './domain/vocabulary';
export * from './domain/outputs';
export * from './events/event-payloads';
export * from './events/live-event';
export * from './http/api-error';
export * from './http/api-types';
export * from './http/http-transport';
export * from './http/sse';
export * from './http/session-cycle.api';
export * from './http/read-side.api';
export * from './http/conversations.api';
export * from './http/choice-sherpa-api';
export * from './live/observable';
export * from './live/session-feed';
export * from './live/live-client';
export * from './store/positions';
export * from './store/session-view.reducer';
export * from './store/component-detail.reducer';
export * from './store/optimistic';
export * from './store/session-store';
export * from './store/component-store';
export * from './store/conversation-store';
export * from './store/overview-store';
