// The quality of service class of a pod (upstream's ComputePodQOS), decided at create from
// the cpu and memory its containers request and are limited to:
// - Guaranteed: every container limits both cpu and memory, and requests equal limits;
// - BestEffort: no container requests or limits cpu or memory;
// - Burstable: anything in between.

import { parseQuantity, type Quantity } from '../../../../api/quantity.ts';
import type { Container, Pod, PodQOSClass } from '../../../../api/types/core/v1/index.ts';

const QOS_RESOURCES = ['cpu', 'memory'] as const;

function positive(text: string | undefined): Quantity | undefined {
  if (text === undefined) return undefined;
  const parsed = parseQuantity(text);
  return parsed.ok && parsed.value.sign() > 0 ? parsed.value : undefined;
}

function addTo(totals: Map<string, Quantity>, name: string, quantity: Quantity): void {
  const current = totals.get(name);
  totals.set(name, current === undefined ? quantity : current.add(quantity));
}

export function computePodQOS(pod: Pod): PodQOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const containers: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const container of containers) {
    let limited = 0;
    for (const name of QOS_RESOURCES) {
      const request = positive(container.resources?.requests?.[name]);
      if (request !== undefined) addTo(requests, name, request);
      const limit = positive(container.resources?.limits?.[name]);
      if (limit !== undefined) {
        addTo(limits, name, limit);
        limited++;
      }
    }
    if (limited < QOS_RESOURCES.length) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, request] of requests) {
      const limit = limits.get(name);
      if (limit === undefined || limit.cmp(request) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
