export * from './sample-payloads';
export * from './sample-events';
