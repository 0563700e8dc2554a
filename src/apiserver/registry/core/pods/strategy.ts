// Pods (upstream's pkg/registry/core/pod/strategy.go): created Pending with the QoS class
// their resources give them; their spec is nearly frozen once created; their status is
// written by kubelets through pods/status; a delete waits for the kubelet to stop the
// containers unless the pod never ran anywhere or has finished.

import { Pod, PodList } from '../../../../api/types/core/v1/index.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { DeleteOptionsLike, ResourceDef } from '../../resource.ts';
import { defaultPod } from './defaults.ts';
import { podPrinter } from './printer.ts';
import { computePodQOS } from './qos.ts';
import { prepareStatusUpdate, validatePodStatusUpdate } from './status.ts';
import { validatePodUpdate } from './validation-update.ts';
import { validatePod } from './validation.ts';

/**
 * Seconds a delete waits: the request's grace period, else the pod's own; at once for a pod
 * no kubelet runs (never scheduled, or finished); a negative period means 1.
 */
export function podGracePeriodSeconds(pod: Pod, options: DeleteOptionsLike): number {
  let period = options.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 0;
  if (!pod.spec?.nodeName) period = 0;
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') period = 0;
  return period < 0 ? 1 : period;
}

export function podSelectableFields(pod: Pod): Record<string, string> {
  return {
    'spec.nodeName': pod.spec?.nodeName ?? '',
    'spec.restartPolicy': pod.spec?.restartPolicy ?? '',
    'spec.schedulerName': pod.spec?.schedulerName ?? '',
    'spec.serviceAccountName': pod.spec?.serviceAccountName ?? '',
    'spec.hostNetwork': String(pod.spec?.hostNetwork === true),
    'status.phase': pod.status?.phase ?? '',
    'status.podIP': pod.status?.podIPs?.[0]?.ip ?? '',
    'status.nominatedNodeName': pod.status?.nominatedNodeName ?? '',
  };
}

export const pods: ResourceDef<Pod> = {
  group: '', version: 'v1', resource: 'pods', singular: 'pod', kind: 'Pod', listKind: 'PodList',
  namespaced: true, shortNames: ['po'], categories: ['all'], shape: Pod, listShape: PodList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    // metadata.generation counts spec changes (set to 1 on create, as upstream does since 1.33).
    tracksGeneration: true,
    allowUnconditionalUpdate: true,
    returnDeletedObject: true,
    defaults: defaultPod,
    prepareForCreate(pod) {
      pod.status = { phase: 'Pending', qosClass: computePodQOS(pod) };
      if ((pod.spec?.schedulingGates ?? []).length > 0) {
        pod.status.conditions = [{
          type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates',
        }];
      }
    },
    prepareForUpdate(pod, old) {
      // The Priority admission plugin keeps the stored priority when an update leaves it out.
      const spec = pod.spec;
      if (spec !== undefined && spec.priority === undefined && old.spec?.priority !== undefined) spec.priority = old.spec.priority;
      if (spec !== undefined && spec.preemptionPolicy === undefined && old.spec?.preemptionPolicy !== undefined) {
        spec.preemptionPolicy = old.spec.preemptionPolicy;
      }
    },
    validate: validatePod,
    validateUpdate: validatePodUpdate,
    gracePeriodSeconds: podGracePeriodSeconds,
    selectableFields: podSelectableFields,
  },
  status: {
    // The generic store keeps everything but status (metadata included) as stored.
    prepareForUpdate: prepareStatusUpdate,
    validateUpdate: validatePodStatusUpdate,
  },
  subresources: [
    { name: 'binding', kind: 'Binding', verbs: ['create'] },
    { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
    { name: 'ephemeralcontainers', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
    { name: 'log', kind: 'Pod', verbs: ['get'] },
    { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
    { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
    { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
    { name: 'proxy', kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'head', 'options', 'patch', 'put'] },
    { name: 'resize', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
  ],
  printer: podPrinter,
};
