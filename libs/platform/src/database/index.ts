export * from './ensure-database';
export * from './locked-migrations';
export * from './typeorm-options';
