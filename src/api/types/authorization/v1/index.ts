export * from './subject-access-review.ts';
export * from './self-subject-rules-review.ts';
