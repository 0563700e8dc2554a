// `kubectl get endpoints` columns (upstream's printEndpoints and formatEndpoints): the first
// three ready host:port pairs, then "+ N more...".

import type { Endpoints } from '../../../../api/types/core/v1/index.ts';
import { age } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';
import { joinHostPort } from '../services/ip.ts';

const SHOWN = 3;

export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  const add = (entry: string): void => {
    count++;
    if (list.length < SHOWN) list.push(entry);
  };
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    // Headless Services may have no ports: the addresses alone.
    if (ports.length === 0) for (const a of addresses) add(a.ip);
    for (const port of ports) for (const a of addresses) add(joinHostPort(a.ip, port.port));
  }
  const shown = list.join(',');
  return count > SHOWN ? `${shown} + ${count - SHOWN} more...` : shown;
}

export const endpointsPrinter: Printer<Endpoints> = {
  columns: [
    NAME_COLUMN,
    column('Endpoints', 'string', 'The ready addresses and ports behind the service.'),
    column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
  ],
  cells: (ep, now) => [ep.metadata?.name ?? '', formatEndpoints(ep), age(ep.metadata?.creationTimestamp, now)],
};
