// NodeVolumeLimits (upstream's CSILimits): a node takes at most so many volumes of each CSI
// driver. The limits come from the Node's `attachable-volumes-*` allocatable and from its
// CSINode's drivers[].allocatable.count (the k8ts API server does not serve CSINode, so in a k8ts
// cluster only the Node's figures apply). The pod's new volumes, minus those already attached
// for other pods on the node, plus the node's attached ones, must stay within each driver's limit.

import { randomBytes } from 'node:crypto';
import type { Pod } from '../../../api/types/core/v1/index.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import { errorStatus, skip, success, unresolvable, unschedulable } from '../../framework/status.ts';
import type { FilterPlugin, Handle, PreFilterPlugin } from '../../framework/types.ts';
import { addAttachable, attachLimitKey, ClaimNotFound, LIMIT_PREFIX, type AttachableContext } from './attachable.ts';

export const NODE_VOLUME_LIMITS = 'NodeVolumeLimits';
export const REASON_MAX_VOLUME_COUNT = 'node(s) exceed max volume count';
const IN_TREE_INLINE = ['gcePersistentDisk', 'awsElasticBlockStore', 'azureDisk', 'cinder'] as const;

function limitsOf(node: NodeInfo, ctx: AttachableContext): Map<string, number> {
  const limits = new Map<string, number>();
  for (const [name, value] of Object.entries(node.allocatable)) if (name.startsWith(LIMIT_PREFIX)) limits.set(name, value);
  for (const d of ctx.csiNode?.spec?.drivers ?? []) {
    const count = d.allocatable?.count;
    if (count !== undefined) limits.set(attachLimitKey(d.name), count);
  }
  return limits;
}

export function nodeVolumeLimits(_args: unknown, handle: Handle): PreFilterPlugin & FilterPlugin {
  const randomPrefix = randomBytes(16).toString('hex');
  return {
    name: NODE_VOLUME_LIMITS,
    preFilter(_state, pod: Pod) {
      const counted = (pod.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim != null || v.ephemeral != null || IN_TREE_INLINE.some((k) => v[k] != null));
      return { status: counted && handle.volumes !== undefined ? success() : skip() };
    },
    filter(_state, pod, node) {
      const listers = handle.volumes;
      if (listers === undefined || (pod.spec?.volumes ?? []).length === 0) return success();
      const ctx: AttachableContext = { listers, csiNode: listers.csiNode?.(node.name), randomPrefix };
      const wanted = new Map<string, string>();
      try {
        addAttachable(ctx, pod, true, wanted);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        return err instanceof ClaimNotFound ? unresolvable(msg) : errorStatus(msg);
      }
      if (wanted.size === 0) return success();
      const limits = limitsOf(node, ctx);
      if (limits.size === 0) return success();
      const attached = new Map<string, string>();
      try {
        for (const { pod: other } of node.pods) addAttachable(ctx, other, false, attached);
      } catch (err) {
        return errorStatus(err instanceof Error ? err.message : String(err));
      }
      const attachedCount = new Map<string, number>();
      for (const [unique, key] of attached) {
        // A volume another pod on the node already uses is not attached a second time.
        wanted.delete(unique);
        attachedCount.set(key, (attachedCount.get(key) ?? 0) + 1);
      }
      const newCount = new Map<string, number>();
      for (const key of wanted.values()) newCount.set(key, (newCount.get(key) ?? 0) + 1);
      for (const [key, count] of newCount) {
        const max = limits.get(key);
        if (max !== undefined && (attachedCount.get(key) ?? 0) + count > max) return unschedulable(REASON_MAX_VOLUME_COUNT);
      }
      return success();
    },
  };
}
