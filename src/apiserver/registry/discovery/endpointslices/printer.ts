import type { EndpointSlice } from '../../../../api/types/discovery/v1/index.ts';
import { age } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';
import { AGE_COLUMN } from '../../apps/replicasets/template-columns.ts';

const SHOWN = 3;

/** The first three items, then "+ N more..."; "<unset>" for none. */
function listWithMore(items: readonly string[]): string {
  const shown = items.slice(0, SHOWN).join(',');
  if (items.length > SHOWN) return `${shown} + ${items.length - SHOWN} more...`;
  return shown === '' ? '<unset>' : shown;
}

/** kubectl get endpointslices: NAME ADDRESSTYPE PORTS ENDPOINTS AGE. */
export const endpointSlicePrinter: Printer<EndpointSlice> = {
  columns: [
    NAME_COLUMN,
    column('AddressType', 'string', 'IPv4, IPv6 or FQDN.'),
    column('Ports', 'string', 'The ports every endpoint exposes.'),
    column('Endpoints', 'string', 'The endpoints of the slice.'),
    AGE_COLUMN,
  ],
  cells: (slice, now) => [
    slice.metadata?.name ?? '',
    slice.addressType ?? '',
    listWithMore((slice.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : (p.name ?? '*')))),
    listWithMore((slice.endpoints ?? []).flatMap((e) => e.addresses ?? [])),
    age(slice.metadata?.creationTimestamp, now),
  ],
};
