export * from './object-meta.ts';
export * from './label-selector.ts';
export * from './status.ts';
export * from './discovery.ts';
export * from './table.ts';
