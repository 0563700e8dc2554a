// storage/v1 string enums: the Go string types upstream marks +enum, by their Go names, with every allowed value.

import { enumOf, type Infer } from '../../../schema/shape.ts';

export const VolumeBindingMode = enumOf('Immediate', 'WaitForFirstConsumer');
export type VolumeBindingMode = Infer<typeof VolumeBindingMode>;
