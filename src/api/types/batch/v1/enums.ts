// batch/v1 string enums: the Go string types upstream marks +enum, by their Go names, with every allowed value.

import { enumOf, type Infer } from '../../../schema/shape.ts';

export const CompletionMode = enumOf('Indexed', 'NonIndexed');
export type CompletionMode = Infer<typeof CompletionMode>;

export const ConcurrencyPolicy = enumOf('Allow', 'Forbid', 'Replace');
export type ConcurrencyPolicy = Infer<typeof ConcurrencyPolicy>;

export const PodFailurePolicyAction = enumOf('Count', 'FailIndex', 'FailJob', 'Ignore');
export type PodFailurePolicyAction = Infer<typeof PodFailurePolicyAction>;

export const PodFailurePolicyOnExitCodesOperator = enumOf('In', 'NotIn');
export type PodFailurePolicyOnExitCodesOperator = Infer<typeof PodFailurePolicyOnExitCodesOperator>;

export const PodReplacementPolicy = enumOf('Failed', 'TerminatingOrFailed');
export type PodReplacementPolicy = Infer<typeof PodReplacementPolicy>;
