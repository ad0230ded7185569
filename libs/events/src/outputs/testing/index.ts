export * from './sample-outputs';
export * from './seeded-random';
