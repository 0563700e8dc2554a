// PreBind's half of volume binding (upstream's BindPodVolumes): write the assumed bindings — each
// chosen PV with its claimRef, each claim to provision with the selected-node annotation — then
// wait, checking once a second, until the PV controller (and provisioner) report every claim
// fully bound. Fails at once when the pod is gone, a claimRef was reset, a provisioning was given
// up (the selected-node annotation removed), or a bound volume cannot be reached from the node;
// fails after `timeoutMs`, or when `signal` aborts.

import type { Clock } from '../../../api/clock.ts';
import type { Node, Pod } from '../../../api/types/core/v1/index.ts';
import type { ApiActions, VolumeListers } from '../../framework/types.ts';
import type { VolumeAssumeCache } from './assume-cache.ts';
import type { PodVolumes } from './find.ts';
import { ANN_SELECTED_NODE, fullyBound, reachableFrom, versionOf } from './helpers.ts';
import { sleep } from '../../../client/informers/wait.ts';

const POLL_MS = 1000;

export interface BindContext {
  readonly api: ApiActions;
  /** The API view (informer), not the assumed one: the PV controller's progress shows there. */
  readonly listers: VolumeListers;
  readonly cache: VolumeAssumeCache;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** The node as the scheduler currently knows it. */
  readonly node: (name: string) => Node | undefined;
}

/** Resolves when every claim is bound; rejects with the reason binding must be retried. */
export async function bindPodVolumes(ctx: BindContext, pod: Pod, volumes: PodVolumes): Promise<void> {
  await writeBindings(ctx, volumes);
  const deadline = ctx.clock.now() + ctx.timeoutMs;
  for (;;) {
    const remaining = deadline - ctx.clock.now();
    if (remaining <= 0) throw new Error('binding volumes: context deadline exceeded');
    await sleep(ctx.clock, Math.min(POLL_MS, remaining), ctx.signal);
    if (ctx.signal.aborted) throw new Error('binding volumes: context canceled');
    if (checkBindings(ctx, pod, volumes)) return;
  }
}

/** The API writes; on a failure the bindings not yet written are no longer assumed. */
async function writeBindings(ctx: BindContext, volumes: PodVolumes): Promise<void> {
  let written = 0;
  let provisioned = 0;
  try {
    for (const b of volumes.staticBindings) {
      b.pv = await ctx.api.updateVolume(b.pv);
      written++;
    }
    for (const [i, claim] of volumes.dynamicProvisions.entries()) {
      volumes.dynamicProvisions[i] = await ctx.api.updateClaim(claim);
      provisioned++;
    }
  } finally {
    for (const b of volumes.staticBindings.slice(written)) ctx.cache.restoreVolume(b.pv.metadata?.name ?? '');
    for (const c of volumes.dynamicProvisions.slice(provisioned)) ctx.cache.restoreClaim(c.metadata?.namespace ?? '', c.metadata?.name ?? '');
  }
}

/** True when all is bound, false to check again; throws when binding must be retried. */
function checkBindings(ctx: BindContext, pod: Pod, volumes: PodVolumes): boolean {
  const nodeName = pod.spec?.nodeName ?? '';
  const node = ctx.node(nodeName);
  if (node === undefined) throw new Error(`failed to get node "${nodeName}": node "${nodeName}" not found`);
  const ns = pod.metadata?.namespace ?? '';
  if (ctx.listers.pod(ns, pod.metadata?.name ?? '') === undefined) throw new Error(`pod does not exist any more: pods "${pod.metadata?.name ?? ''}" not found`);
  for (const b of volumes.staticBindings) {
    const name = b.pv.metadata?.name ?? '';
    const pv = ctx.listers.volume(name);
    if (pv === undefined) throw new Error(`failed to check binding: persistentvolume "${name}" not found`);
    const pvcNs = b.pvc.metadata?.namespace ?? '';
    const pvcName = b.pvc.metadata?.name ?? '';
    const pvc = ctx.listers.claim(pvcNs, pvcName);
    if (pvc === undefined) throw new Error(`failed to check binding: persistentvolumeclaim "${pvcNs}/${pvcName}" not found`);
    // Our write has not reached the informer yet.
    if (versionOf(b.pv) > versionOf(pv)) return false;
    if (!reachableFrom(pv, node)) throw new Error(`pv "${name}" node affinity doesn't match node "${nodeName}": no matching NodeSelectorTerms`);
    if (pv.spec?.claimRef === undefined || pv.spec.claimRef === null || (pv.spec.claimRef.uid ?? '') === '') throw new Error(`ClaimRef got reset for pv "${name}"`);
    if (!fullyBound(pvc)) return false;
  }
  for (const c of volumes.dynamicProvisions) {
    const name = c.metadata?.name ?? '';
    const pvc = ctx.listers.claim(c.metadata?.namespace ?? '', name);
    if (pvc === undefined) throw new Error(`failed to check provisioning pvc: persistentvolumeclaim "${c.metadata?.namespace ?? ''}/${name}" not found`);
    if (versionOf(c) > versionOf(pvc)) return false;
    const annotations = pvc.metadata?.annotations;
    if (annotations === undefined) throw new Error(`selectedNode annotation reset for PVC "${name}"`);
    if (annotations[ANN_SELECTED_NODE] !== nodeName) throw new Error(`provisioning failed for PVC "${name}"`);
    const pvName = pvc.spec?.volumeName ?? '';
    if (pvName !== '') {
      const pv = ctx.listers.volume(pvName);
      // Not seen yet: the informer may lag behind the provisioner.
      if (pv === undefined) return false;
      if (!reachableFrom(pv, node)) throw new Error(`pv "${pvName}" node affinity doesn't match node "${nodeName}": no matching NodeSelectorTerms`);
    }
    if (!fullyBound(pvc)) return false;
  }
  return true;
}
