export * from './endpoint-slice.ts';
export * from './enums.ts';
