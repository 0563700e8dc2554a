export * from './pod-disruption-budget.ts';
export * from './eviction.ts';
export * from './enums.ts';
