// discovery/v1 string enums: the Go string types upstream marks +enum, by their Go names, with every allowed value.

import { enumOf, type Infer } from '../../../schema/shape.ts';

export const AddressType = enumOf('FQDN', 'IPv4', 'IPv6');
export type AddressType = Infer<typeof AddressType>;
