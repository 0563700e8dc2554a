// The columns of `kubectl get pods` (upstream's printPod). STATUS condenses the pod's state
// the way users know it: the phase or status.reason, "Init:1/2" or "Init:<reason>" while
// init containers run, a container's waiting or terminated reason, "Terminating" while
// deletion is pending, "SchedulingGated" while gates hold the pod back.

import type { Container, ContainerStatus, Pod } from '../../../../api/types/core/v1/index.ts';
import { age, humanDuration } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';

/** The reason the node lifecycle controller gives pods on a node that stopped answering. */
export const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

const isSidecar = (container: Container | undefined): boolean => container?.restartPolicy === 'Always';

function hasCondition(pod: Pod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

interface Tally {
  restarts: number;
  /** When the latest restart happened (the end of the previous run), in ms; 0 if never. */
  lastRestart: number;
}

function count(tally: Tally, status: ContainerStatus): void {
  tally.restarts += status.restartCount ?? 0;
  const finished = Date.parse(status.lastState?.terminated?.finishedAt ?? '');
  if (!Number.isNaN(finished) && finished > tally.lastRestart) tally.lastRestart = finished;
}

/** STATUS, READY and RESTARTS, computed together as upstream does. */
export function podStatusCells(pod: Pod, now: number): { ready: string; status: string; restarts: string } {
  const phase = pod.status?.phase ?? '';
  let reason: string = pod.status?.reason || phase;
  if ((pod.status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';
  const initContainers = new Map((pod.spec?.initContainers ?? []).map((c) => [c.name, c]));
  let ready = 0;
  const all: Tally = { restarts: 0, lastRestart: 0 };
  const sidecars: Tally = { restarts: 0, lastRestart: 0 };
  let initializing = false;
  const initStatuses = pod.status?.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const status = initStatuses[i] as ContainerStatus;
    const sidecar = isSidecar(initContainers.get(status.name));
    count(all, status);
    if (sidecar) count(sidecars, status);
    const terminated = status.state?.terminated;
    const waiting = status.state?.waiting;
    if (terminated !== undefined && terminated.exitCode === 0) continue;
    if (sidecar && status.started === true) {
      if (status.ready) ready++;
      continue;
    }
    if (terminated !== undefined) {
      if (terminated.reason) reason = `Init:${terminated.reason}`;
      else reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${(pod.spec?.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }
  let tally = all;
  if (!initializing || hasCondition(pod, 'Initialized')) {
    tally = { ...sidecars };
    let running = false;
    const statuses = pod.status?.containerStatuses ?? [];
    // Backwards, so that the first container with something to say has the last word.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const status = statuses[i] as ContainerStatus;
      count(tally, status);
      const { waiting, terminated } = status.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated !== undefined) reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      else if (status.ready && status.state?.running !== undefined) {
        running = true;
        ready++;
      }
    }
    // Some containers finished while others still run: the pod as a whole still runs.
    if (reason === 'Completed' && running) reason = hasCondition(pod, 'Ready') ? 'Running' : 'NotReady';
  }
  const deleting = pod.metadata?.deletionTimestamp !== undefined;
  if (deleting && pod.status?.reason === NODE_UNREACHABLE_POD_REASON) reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  const total = (pod.spec?.containers ?? []).length + (pod.spec?.initContainers ?? []).filter(isSidecar).length;
  const restarts = tally.restarts !== 0 && tally.lastRestart !== 0
    ? `${tally.restarts} (${humanDuration(now - tally.lastRestart)} ago)`
    : String(tally.restarts);
  return { ready: `${ready}/${total}`, status: reason, restarts };
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const satisfied = gates.filter((gate) => pod.status?.conditions?.find((c) => c.type === gate.conditionType)?.status === 'True').length;
  return `${satisfied}/${gates.length}`;
}

export const podPrinter: Printer<Pod> = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 'The aggregate status of the containers in this pod.'),
    column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    column('IP', 'string', 'The IP address allocated to the pod.', { priority: 1 }),
    column('Node', 'string', 'The node the pod is bound to.', { priority: 1 }),
    column('Nominated Node', 'string', 'The node the pod may run on once preemption there completes.', { priority: 1 }),
    column('Readiness Gates', 'string', 'Extra conditions that must be true for the pod to count as ready.', { priority: 1 }),
  ],
  cells(pod, now) {
    const { ready, status, restarts } = podStatusCells(pod, now);
    return [
      pod.metadata?.name ?? '', ready, status, restarts, age(pod.metadata?.creationTimestamp, now),
      pod.status?.podIPs?.[0]?.ip || '<none>', pod.spec?.nodeName || '<none>', pod.status?.nominatedNodeName || '<none>', readinessGates(pod),
    ];
  },
};
