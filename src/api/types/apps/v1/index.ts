export * from './deployment.ts';
export * from './replica-set.ts';
export * from './stateful-set.ts';
export * from './daemon-set.ts';
export * from './controller-revision.ts';
export * from './enums.ts';
