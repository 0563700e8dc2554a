// The pods/status subresource (upstream's podStatusStrategy): kubelets and controllers write
// the observed state here. Only status changes; the QoS class stays what create decided;
// terminated containers of pods that do not restart stay terminated.

import { duplicate, forbidden, invalid, path, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { goQuote, verbatim } from '../../../../api/go-format.ts';
import type { ContainerStatus, Pod } from '../../../../api/types/core/v1/index.ts';
import { isIP } from 'node:net';
import { validateDNSSubdomain, validateIP, validateQualifiedName } from './validation-common.ts';
import { validatePodAnnotations } from './validation.ts';

const SYSTEM_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized']);

/** Carries over what a status writer may leave out: the QoS class and observed generations. */
export function prepareStatusUpdate(pod: Pod, old: Pod): void {
  const status = (pod.status ??= {});
  if (!status.qosClass && old.status?.qosClass !== undefined) status.qosClass = old.status.qosClass;
  if (!status.observedGeneration && old.status?.observedGeneration !== undefined) status.observedGeneration = old.status.observedGeneration;
  // Conditions that drop observedGeneration keep the old one, matched by type in order.
  const remembered = new Map<string, number[]>();
  for (const c of old.status?.conditions ?? []) remembered.set(c.type, [...(remembered.get(c.type) ?? []), c.observedGeneration ?? 0]);
  for (const c of status.conditions ?? []) {
    const previous = remembered.get(c.type)?.shift() ?? 0;
    if (!c.observedGeneration && previous) c.observedGeneration = previous;
  }
}

function validateStateTransitions(next: readonly ContainerStatus[] | undefined, old: readonly ContainerStatus[] | undefined, restartPolicy: string,
  restartable: ReadonlySet<string>, at: Path): FieldError[] {
  if (restartPolicy === 'Always') return [];
  const errs: FieldError[] = [];
  (old ?? []).forEach((previous, i) => {
    const terminated = previous.state?.terminated;
    if (terminated === undefined) return;
    if (terminated.exitCode !== 0 && restartPolicy === 'OnFailure') return;
    if (restartable.has(previous.name)) return;
    for (const status of next ?? []) {
      if (status.name === previous.name && status.state?.terminated === undefined) {
        errs.push(forbidden(at.index(i).child('state'), 'may not be transitioned to non-terminated state'));
      }
    }
  });
  return errs;
}

function familyOf(ip: string): number {
  return isIP(ip);
}

/** How Go's %#v prints one entry ("core.PodIP{IP:\"10.0.0.1\"}"), which upstream's messages show. */
function goIP(type: string, entry: { ip: string }): string {
  return `core.${type}{IP:${goQuote(entry.ip)}}`;
}

function validateIPList(ips: ReadonlyArray<{ ip: string }> | undefined, type: 'PodIP' | 'HostIP', at: Path): FieldError[] {
  const list = ips ?? [];
  const errs = list.flatMap((entry, i) => validateIP(entry.ip, at.index(i)));
  if (list.length > 1) {
    const families = new Set(list.map((e) => familyOf(e.ip)));
    const shown = verbatim(`[]core.${type}{${list.map((e) => goIP(type, e)).join(', ')}}`);
    if (list.length > 2 || families.size !== 2 || families.has(0)) errs.push(invalid(at, shown, 'may specify no more than one IP for each IP family'));
    const seen = new Set<string>();
    list.forEach((entry, i) => {
      if (seen.has(entry.ip)) errs.push(duplicate(at.index(i), verbatim(goIP(type, entry))));
      seen.add(entry.ip);
    });
  }
  return errs;
}

export function validatePodStatusUpdate(pod: Pod, old: Pod): FieldError[] {
  const status = pod.status ?? {};
  const errs = validatePodAnnotations(pod.metadata?.annotations, pod.spec ?? { containers: [] }, path('metadata', 'annotations'));
  // Upstream reports custom condition types under metadata, with a capital T.
  (status.conditions ?? []).forEach((c, i) => {
    if (!SYSTEM_CONDITIONS.has(c.type)) errs.push(...validateQualifiedName(c.type, path('metadata', 'conditions').index(i).child('Type')));
  });
  if (status.nominatedNodeName && status.nominatedNodeName !== old.status?.nominatedNodeName) {
    errs.push(...validateDNSSubdomain(status.nominatedNodeName, path('status', 'nominatedNodeName')));
  }
  if ((status.qosClass ?? '') !== (old.status?.qosClass ?? '')) errs.push(invalid(path('status', 'qosClass'), status.qosClass ?? '', 'field is immutable'));
  const restartPolicy = old.spec?.restartPolicy ?? '';
  const sidecars = new Set((old.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  errs.push(...validateStateTransitions(status.containerStatuses, old.status?.containerStatuses, restartPolicy, new Set(), path('status', 'containerStatuses')));
  errs.push(...validateStateTransitions(status.initContainerStatuses, old.status?.initContainerStatuses, restartPolicy, sidecars, path('status', 'initContainerStatuses')));
  // Ephemeral containers are never restarted.
  errs.push(...validateStateTransitions(status.ephemeralContainerStatuses, old.status?.ephemeralContainerStatuses, 'Never', new Set(), path('status', 'ephemeralContainerStatuses')));
  errs.push(...validateIPList(status.podIPs, 'PodIP', path('status', 'podIPs')));
  const hostIPs = status.hostIPs ?? [];
  if (hostIPs.length > 0 && hostIPs[0]?.ip !== status.hostIP) {
    errs.push(invalid(path('status', 'hostIPs').index(0).child('ip'), hostIPs[0]?.ip ?? '', 'must be equal to `hostIP`'));
  }
  errs.push(...validateIPList(status.hostIPs, 'HostIP', path('status', 'hostIPs')));
  return errs;
}
