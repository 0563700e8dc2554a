// `kubectl get resourcequotas` columns (upstream's printResourceQuota): "name: used/hard" for
// every resource in status.hard, sorted, limits.* in the LIMIT column and the rest in REQUEST.

import type { ResourceQuota } from '../../../../api/types/core/v1/index.ts';
import { age } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';
import { quantityOf, sortedEntries } from './resource-names.ts';

/** A quantity as upstream prints it: canonical, and "0" when absent. */
function amount(text: string | undefined): string {
  return quantityOf(text)?.toString() ?? '0';
}

export function quotaColumns(quota: ResourceQuota): { request: string; limit: string } {
  const request: string[] = [];
  const limit: string[] = [];
  for (const [name, hard] of sortedEntries(quota.status?.hard)) {
    const pieces = name.split('.');
    const target = pieces.length > 1 && pieces[0] === 'limits' ? limit : request;
    target.push(`${name}: ${amount(quota.status?.used?.[name])}/${amount(hard)}`);
  }
  return { request: request.join(', '), limit: limit.join(', ') };
}

export const resourceQuotaPrinter: Printer<ResourceQuota> = {
  columns: [
    NAME_COLUMN,
    column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    column('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    column('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
  ],
  cells: (quota, now) => {
    const { request, limit } = quotaColumns(quota);
    return [quota.metadata?.name ?? '', age(quota.metadata?.creationTimestamp, now), request, limit];
  },
};
