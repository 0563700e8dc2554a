// How big a memory-backed volume may grow (upstream's calculateEmptyDirMemorySize): the node's
// allocatable memory, lowered to the pod's memory limit when it has one, lowered again to the
// volume's sizeLimit when that is smaller. Memory written to tmpfs counts against the pod.

import { parseQuantity } from '../../api/quantity.ts';
import type { Container, Pod } from '../../api/types/core/v1/index.ts';
import type { ResourceList } from './downward.ts';

function bytes(text: string | undefined): bigint | undefined {
  if (text === undefined) return undefined;
  const q = parseQuantity(text);
  return q.ok ? q.value.value() : undefined;
}

function limitOf(c: Container): bigint | undefined {
  return bytes(c.resources?.limits?.['memory']);
}

/**
 * The pod's memory limit as its cgroup gets it: set only when every container has one; the
 * sum of the containers', or the largest init container's if bigger, plus the overhead.
 */
export function podMemoryLimit(pod: Pod): bigint | undefined {
  let sum = 0n;
  for (const c of pod.spec?.containers ?? []) {
    const limit = limitOf(c);
    if (limit === undefined) return undefined;
    sum += limit;
  }
  for (const c of pod.spec?.initContainers ?? []) {
    const limit = limitOf(c);
    if (limit === undefined) return undefined;
    if (c.restartPolicy === 'Always') sum += limit;
    else if (limit > sum) sum = limit;
  }
  return sum + (bytes(pod.spec?.overhead?.['memory']) ?? 0n);
}

/** The tmpfs size for a memory-backed volume of `pod`; undefined leaves the kernel's default. */
export function memoryVolumeSize(pod: Pod, sizeLimit: string | undefined, allocatable: ResourceList): bigint | undefined {
  let size = bytes(allocatable['memory']);
  const podLimit = podMemoryLimit(pod);
  if (podLimit !== undefined && podLimit > 0n && (size === undefined || podLimit <= size)) size = podLimit;
  const volumeLimit = bytes(sizeLimit);
  if (volumeLimit !== undefined && volumeLimit > 0n && (size === undefined || volumeLimit <= size)) size = volumeLimit;
  return size;
}
