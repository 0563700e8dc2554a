// The replica counts the scale subresource reads and writes, for every workload with
// spec.replicas, status.replicas and a label selector in spec.selector.

import { fromLabelSelector, selectorToString, type LabelSelector } from '../../../api/labels/selector.ts';
import type { ApiObject, ScaleDef } from '../resource.ts';

interface Scalable extends ApiObject {
  spec?: { replicas?: number; selector?: unknown };
  status?: { replicas?: number };
}

export const replicasScale: ScaleDef<Scalable> = {
  specReplicas: (o) => o.spec?.replicas ?? 0,
  withSpecReplicas: (o, replicas) => ({ ...o, spec: { ...o.spec, replicas } }),
  statusReplicas: (o) => o.status?.replicas ?? 0,
  selector(o) {
    const parsed = fromLabelSelector(o.spec?.selector as LabelSelector | undefined);
    return parsed.ok ? selectorToString(parsed.value) : '';
  },
};
