export * from './retention-sweeper';
