// VolumeBinding (upstream's plugin of that name). PreFilter finds the pod's claims (persistentVolumeClaim
// and generic ephemeral volumes) and rejects the pod outright when one is missing, being deleted,
// lost, or unbound in Immediate mode (the PV controller binds those, not the scheduler); bound
// volumes whose node affinity names hosts narrow the candidate nodes. Filter works out, per
// node, what the pod's claims need there (find.ts). Reserve assumes the chosen node's bindings in
// the binder's assume cache, so the next cycles do not hand the same PV to another pod; PreBind
// writes them and waits until the claims are bound (bind.ts, at most `bindTimeoutSeconds`, 600 by
// default); Unreserve forgets the assumptions when the pod does not get that node after all.

import type { Pod } from '../../../api/types/core/v1/index.ts';
import type { CycleState } from '../../framework/cycle-state.ts';
import { errorStatus, skip, success, unresolvable } from '../../framework/status.ts';
import type { FilterPlugin, Handle, PreBindPlugin, PreFilterPlugin, ReservePlugin } from '../../framework/types.ts';
import { VolumeAssumeCache } from './assume-cache.ts';
import { bindPodVolumes } from './bind.ts';
import { claimNameOf, claimProblem, eligibleNodes, hasClaims, podClaims, type PodClaims } from './claims.ts';
import { findPodVolumes, type PodVolumes } from './find.ts';
import { ANN_SELECTED_NODE, bindVolumeToClaim, fullyBound } from './helpers.ts';

export { REASON_BIND_CONFLICT, REASON_NODE_CONFLICT, REASON_PV_NOT_EXIST } from './find.ts';
export const VOLUME_BINDING = 'VolumeBinding';
export const REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const DEFAULT_BIND_TIMEOUT_SECONDS = 600;
const STATE_KEY = 'PreFilterVolumeBinding';

/** VolumeBindingArgs (kubescheduler.config.k8s.io/v1), the field k8ts honours. */
export interface VolumeBindingArgs {
  bindTimeoutSeconds?: number;
}

interface State {
  readonly claims: PodClaims;
  /** Filter's findings per feasible node. */
  readonly byNode: Map<string, PodVolumes>;
  /** Set by Reserve: nothing to write in PreBind. */
  allBound: boolean;
}

/** Throws on invalid args, as upstream's ValidateVolumeBindingArgs. */
export function bindTimeoutMs(args: unknown): number {
  const raw = (args as VolumeBindingArgs | undefined)?.bindTimeoutSeconds;
  if (raw === undefined) return DEFAULT_BIND_TIMEOUT_SECONDS * 1000;
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) throw new Error('VolumeBindingArgs: invalid BindTimeoutSeconds, should not be a negative value');
  return raw * 1000;
}

export function volumeBinding(args: unknown, handle: Handle): PreFilterPlugin & FilterPlugin & ReservePlugin & PreBindPlugin {
  const timeoutMs = bindTimeoutMs(args);
  const listers = handle.volumes;
  const cache = listers === undefined ? undefined : new VolumeAssumeCache(listers);
  return {
    name: VOLUME_BINDING,
    preFilter(state: CycleState, pod: Pod) {
      if (listers === undefined || cache === undefined || !hasClaims(pod)) return { status: skip() };
      const problem = claimProblem(pod, listers);
      if (problem !== undefined) return { status: unresolvable(problem) };
      let claims: PodClaims;
      try {
        claims = podClaims(pod, cache, listers);
      } catch (err) {
        return { status: errorStatus(err instanceof Error ? err.message : String(err)) };
      }
      if (claims.immediate.length > 0) return { status: unresolvable(REASON_UNBOUND_IMMEDIATE) };
      state.write(STATE_KEY, { claims, byNode: new Map(), allBound: false } satisfies State);
      const nodes = eligibleNodes(claims.bound, cache);
      return nodes === undefined ? { status: success() } : { status: success(), nodeNames: nodes };
    },
    filter(state, _pod, node) {
      const s = state.read<State>(STATE_KEY);
      if (s === undefined || listers === undefined || cache === undefined) return success();
      try {
        const found = findPodVolumes(s.claims, node.node, cache, listers);
        if (found.reasons.length > 0) return unresolvable(...found.reasons);
        s.byNode.set(node.name, found.volumes);
        return success();
      } catch (err) {
        return errorStatus(err instanceof Error ? err.message : String(err));
      }
    },
    reserve(state, pod, nodeName) {
      const s = state.read<State>(STATE_KEY);
      const volumes = s?.byNode.get(nodeName);
      if (s === undefined || volumes === undefined || cache === undefined) {
        if (s !== undefined) s.allBound = true;
        return success();
      }
      try {
        s.allBound = assume(cache, pod, nodeName, volumes);
        return success();
      } catch (err) {
        return errorStatus(err instanceof Error ? err.message : String(err));
      }
    },
    unreserve(state, _pod, nodeName) {
      const volumes = state.read<State>(STATE_KEY)?.byNode.get(nodeName);
      if (volumes === undefined || cache === undefined) return;
      for (const b of volumes.staticBindings) cache.restoreVolume(b.pv.metadata?.name ?? '');
      for (const c of volumes.dynamicProvisions) cache.restoreClaim(c.metadata?.namespace ?? '', c.metadata?.name ?? '');
    },
    async preBind(state, pod, nodeName, signal) {
      const s = state.read<State>(STATE_KEY);
      if (s === undefined || s.allBound) return success();
      const volumes = s.byNode.get(nodeName);
      if (volumes === undefined || listers === undefined || cache === undefined) return errorStatus(`no pod volumes found for node "${nodeName}"`);
      try {
        await bindPodVolumes({
          api: handle.api, listers, cache, clock: handle.clock, signal, timeoutMs,
          node: (name) => state.snapshot.get(name)?.node,
        }, pod, volumes);
        return success();
      } catch (err) {
        return errorStatus(err instanceof Error ? err.message : String(err));
      }
    },
  };
}

/**
 * Assumes the node's bindings (upstream's AssumePodVolumes): each chosen PV with its claimRef,
 * each claim to provision with the selected node. Answers true when every claim of the pod is
 * already fully bound and there is nothing to write. Throws, after undoing its own assumptions,
 * when the cache is out of sync with the API.
 */
function assume(cache: VolumeAssumeCache, pod: Pod, nodeName: string, volumes: PodVolumes): boolean {
  const ns = pod.metadata?.namespace ?? '';
  const allBound = (pod.spec?.volumes ?? []).every((vol) => {
    const ref = claimNameOf(pod, vol);
    const c = ref === undefined ? undefined : cache.claim(ns, ref.name);
    return ref === undefined || (c !== undefined && fullyBound(c));
  });
  if (allBound) return true;
  const bindings: PodVolumes['staticBindings'] = [];
  const provisions: PodVolumes['dynamicProvisions'] = [];
  try {
    for (const b of volumes.staticBindings) {
      const bound = bindVolumeToClaim(b.pv, b.pvc);
      if (bound.changed) cache.assumeVolume(bound.pv);
      bindings.push({ pv: bound.pv, pvc: b.pvc });
    }
    for (const c of volumes.dynamicProvisions) {
      const claim = { ...c, metadata: { ...c.metadata, annotations: { ...c.metadata?.annotations, [ANN_SELECTED_NODE]: nodeName } } };
      cache.assumeClaim(claim);
      provisions.push(claim);
    }
  } catch (err) {
    for (const b of bindings) cache.restoreVolume(b.pv.metadata?.name ?? '');
    for (const c of provisions) cache.restoreClaim(c.metadata?.namespace ?? '', c.metadata?.name ?? '');
    throw err;
  }
  volumes.staticBindings = bindings;
  volumes.dynamicProvisions = provisions;
  return false;
}
