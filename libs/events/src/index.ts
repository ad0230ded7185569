export * from './envelope';
export * from './streams/stream-layout';
export * from './catalog';
export * from './parse';
export * from './bus';
export * from './outbox';
export * from './transport';
export * from './broker';
