// The four node conditions the kubelet posts, with upstream's reasons and messages
// (pkg/kubelet/nodestatus/setters.go), and how each keeps its lastTransitionTime.

import type { NodeCondition } from '../../api/types/core/v1/index.ts';
import { formatTime } from './resources.ts';

/** A condition before it is stamped with times. */
export interface ConditionState {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message: string;
}

export interface Pressure {
  readonly memory: boolean;
  readonly disk: boolean;
  readonly pid: boolean;
}

export const NO_PRESSURE: Pressure = { memory: false, disk: false, pid: false };

/** MemoryPressure, DiskPressure and PIDPressure, in the order upstream lists them. */
export function pressureConditions(p: Pressure): ConditionState[] {
  return [
    p.memory
      ? { type: 'MemoryPressure', status: 'True', reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available' }
      : { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
    p.disk
      ? { type: 'DiskPressure', status: 'True', reason: 'KubeletHasDiskPressure', message: 'kubelet has disk pressure' }
      : { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
    p.pid
      ? { type: 'PIDPressure', status: 'True', reason: 'KubeletHasInsufficientPID', message: 'kubelet has insufficient PID available' }
      : { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  ];
}

/**
 * Ready: True with "kubelet is posting ready status" when nothing is wrong, else False
 * (KubeletNotReady) with the problems as upstream's error aggregate prints them: one alone,
 * several as "[a, b]".
 */
export function readyCondition(problems: readonly string[]): ConditionState {
  if (problems.length === 0) return { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' };
  const message = problems.length === 1 ? problems[0] as string : `[${problems.join(', ')}]`;
  return { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message };
}

/**
 * Stamps `states` for posting at `now`: each keeps its lastTransitionTime while its status is
 * unchanged from `previous` (so a node the controller marked Unknown transitions back).
 */
export function stampConditions(states: readonly ConditionState[], previous: readonly NodeCondition[] | undefined, now: number): NodeCondition[] {
  const stamp = formatTime(now);
  return states.map((want) => {
    const old = previous?.find((c) => c.type === want.type);
    const transition = old !== undefined && old.status === want.status && old.lastTransitionTime !== undefined ? old.lastTransitionTime : stamp;
    return { type: want.type, status: want.status, lastHeartbeatTime: stamp, lastTransitionTime: transition, reason: want.reason, message: want.message };
  });
}
