export * from './storage-class.ts';
export * from './enums.ts';
