// apps/v1 string enums: the Go string types upstream marks +enum, by their Go names, with every allowed value.

import { enumOf, type Infer } from '../../../schema/shape.ts';

export const DaemonSetUpdateStrategyType = enumOf('OnDelete', 'RollingUpdate');
export type DaemonSetUpdateStrategyType = Infer<typeof DaemonSetUpdateStrategyType>;

export const DeploymentStrategyType = enumOf('Recreate', 'RollingUpdate');
export type DeploymentStrategyType = Infer<typeof DeploymentStrategyType>;

export const PodManagementPolicyType = enumOf('OrderedReady', 'Parallel');
export type PodManagementPolicyType = Infer<typeof PodManagementPolicyType>;

export const StatefulSetUpdateStrategyType = enumOf('OnDelete', 'RollingUpdate');
export type StatefulSetUpdateStrategyType = Infer<typeof StatefulSetUpdateStrategyType>;
