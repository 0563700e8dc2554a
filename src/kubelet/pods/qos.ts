// Resources as the kubelet hands them to the runtime (pkg/kubelet/kuberuntime's Linux container
// resources and pkg/kubelet/qos): the pod's QoS class, CPU shares from requests, CFS quota from
// limits, the memory limit, and the OOM score adjustment by QoS class.

import { totalmem } from 'node:os';
import { parseQuantity } from '../../api/quantity.ts';
import type { Container, Pod } from '../../api/types/core/v1/index.ts';
import type { LinuxContainerResources } from '../cri/types.ts';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const MIN_SHARES = 2;
const SHARES_PER_CPU = 1024;
const QUOTA_PERIOD = 100_000;
const MIN_QUOTA = 1000;
export const GUARANTEED_OOM_SCORE_ADJ = -997;
export const BEST_EFFORT_OOM_SCORE_ADJ = 1000;

let machineMemory: number | undefined;
/** The machine's memory, read once: os.totalmem() is a system call, and every container start asked for it. */
function machineMemoryCapacity(): number {
  return machineMemory ??= totalmem();
}

/** The quantity in milli-units (cpu) or units (memory, rounded up); undefined when absent or bad. */
function milli(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  const q = parseQuantity(value);
  return q.ok ? q.value.milliValue() : undefined;
}
function units(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  const q = parseQuantity(value);
  return q.ok ? q.value.value() : undefined;
}

/** The pod's QoS class, from the requests and limits of every container (init ones too). */
export function qosClass(pod: Pod): QosClass {
  const all = [...pod.spec?.initContainers ?? [], ...pod.spec?.containers ?? []];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const name of ['cpu', 'memory']) {
      const req = requests[name];
      const lim = limits[name];
      const reqQ = req === undefined ? undefined : parseQuantity(req);
      const limQ = lim === undefined ? undefined : parseQuantity(lim);
      // Zero quantities count as unset, as upstream's QoS computation does.
      if ((reqQ?.ok === true && !reqQ.value.isZero()) || (limQ?.ok === true && !limQ.value.isZero())) any = true;
      if (lim === undefined) { guaranteed = false; continue; }
      if (req !== undefined) {
        const a = parseQuantity(req);
        const b = parseQuantity(lim);
        if (!a.ok || !b.ok || a.value.cmp(b.value) !== 0) guaranteed = false;
      }
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** upstream's GetContainerOOMScoreAdjust (without the critical-pod and node-daemon cases). */
export function oomScoreAdj(pod: Pod, container: Container, memoryCapacity = machineMemoryCapacity()): number {
  const qos = qosClass(pod);
  if (qos === 'Guaranteed') return GUARANTEED_OOM_SCORE_ADJ;
  if (qos === 'BestEffort') return BEST_EFFORT_OOM_SCORE_ADJ;
  const request = Number(units(container.resources?.requests?.memory) ?? 0n);
  let adj = Math.trunc(1000 - (1000 * request) / memoryCapacity);
  // Burstable containers stay above Guaranteed ones and below BestEffort ones.
  if (adj < 1000 + GUARANTEED_OOM_SCORE_ADJ) adj = 1000 + GUARANTEED_OOM_SCORE_ADJ;
  if (adj === BEST_EFFORT_OOM_SCORE_ADJ) adj -= 1;
  return adj;
}

/** The LinuxContainerResources for a container. */
export function linuxResources(pod: Pod, container: Container, memoryCapacity = machineMemoryCapacity()): LinuxContainerResources {
  const cpuRequest = milli(container.resources?.requests?.cpu);
  const cpuLimit = milli(container.resources?.limits?.cpu);
  const memoryLimit = units(container.resources?.limits?.memory);
  // A limit without a request means request = limit (API defaulting usually does this already).
  const shares = cpuRequest ?? cpuLimit;
  const r: { -readonly [K in keyof LinuxContainerResources]: LinuxContainerResources[K] } = {
    cpuShares: shares === undefined || shares === 0n ? MIN_SHARES : Math.max(MIN_SHARES, Number((shares * BigInt(SHARES_PER_CPU)) / 1000n)),
    oomScoreAdj: oomScoreAdj(pod, container, memoryCapacity),
  };
  if (cpuLimit !== undefined && cpuLimit > 0n) {
    r.cpuPeriod = QUOTA_PERIOD;
    r.cpuQuota = Math.max(MIN_QUOTA, Number((cpuLimit * BigInt(QUOTA_PERIOD)) / 1000n));
  }
  if (memoryLimit !== undefined && memoryLimit > 0n) r.memoryLimitInBytes = Number(memoryLimit);
  return r;
}
