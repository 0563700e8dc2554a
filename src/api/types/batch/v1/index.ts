export * from './job.ts';
export * from './cron-job.ts';
export * from './enums.ts';
