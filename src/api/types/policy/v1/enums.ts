// policy/v1 string enums: the Go string types upstream marks +enum, by their Go names, with every allowed value.

import { enumOf, type Infer } from '../../../schema/shape.ts';

export const UnhealthyPodEvictionPolicyType = enumOf('AlwaysAllow', 'IfHealthyBudget');
export type UnhealthyPodEvictionPolicyType = Infer<typeof UnhealthyPodEvictionPolicyType>;
