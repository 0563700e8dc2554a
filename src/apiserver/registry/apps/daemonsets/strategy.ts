// DaemonSets: one pod per eligible node. Defaults as apps/v1 (RollingUpdate one node at a
// time, no surge, ten revisions). The template generation, which apps/v1 carries in the
// deprecated.daemonset.template.generation annotation, is the server's: 1 at creation, one
// more on each template change, never set by clients.

import { path } from '../../../../api/field-errors.ts';
import { DaemonSet, DaemonSetList, type DaemonSetSpec } from '../../../../api/types/apps/v1/index.ts';
import type { PodTemplateSpec } from '../../../../api/types/core/v1/index.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import { defaultPodTemplateSpec } from '../../core/pods/defaults.ts';
import type { ResourceDef } from '../../resource.ts';
import { validateNotDecremented } from '../deployments/validation.ts';
import { validateSelectorUnchanged } from '../replicasets/pod-controller.ts';
import { semanticEqual } from '../replicasets/semantic-equal.ts';
import { daemonSetPrinter } from './printer.ts';
import { validateDaemonSetSpec, validateDaemonSetStatus } from './validation.ts';

export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** apps/v1 SetDefaults_DaemonSet, plus the pod defaults of its template. */
export function defaultDaemonSet(ds: DaemonSet): void {
  const spec = (ds.spec ??= {} as DaemonSetSpec);
  const strategy = (spec.updateStrategy ??= {});
  if ((strategy.type ?? '') === '') strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplateSpec((spec.template as PodTemplateSpec | undefined) ?? (spec.template = {}));
}

function templateGeneration(ds: DaemonSet): number {
  const value = Number(ds.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? '0');
  return Number.isSafeInteger(value) ? value : 0;
}

function setTemplateGeneration(ds: DaemonSet, value: number): void {
  const meta = (ds.metadata ??= {});
  meta.annotations = { ...meta.annotations, [TEMPLATE_GENERATION_ANNOTATION]: String(value) };
}

export const daemonsets: ResourceDef<DaemonSet> = {
  group: 'apps', version: 'v1', resource: 'daemonsets', singular: 'daemonset', kind: 'DaemonSet', listKind: 'DaemonSetList',
  namespaced: true, shortNames: ['ds'], categories: ['all'], shape: DaemonSet, listShape: DaemonSetList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    tracksGeneration: true,
    defaults: defaultDaemonSet,
    prepareForCreate(ds) {
      ds.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
      setTemplateGeneration(ds, Math.max(templateGeneration(ds), 1));
    },
    prepareForUpdate(ds, old) {
      const changed = !semanticEqual(ds.spec?.template, old.spec?.template);
      setTemplateGeneration(ds, templateGeneration(old) + (changed ? 1 : 0));
    },
    validate: (ds) => validateDaemonSetSpec(ds.spec, path('spec')),
    validateUpdate: (ds, old) => [
      ...validateDaemonSetSpec(ds.spec, path('spec')),
      ...validateSelectorUnchanged(ds.spec?.selector, old.spec?.selector, path('spec', 'selector')),
    ],
  },
  status: {
    validateUpdate: (ds, old) => [
      ...validateDaemonSetStatus(ds.status, path('status')),
      ...validateNotDecremented(ds.status?.collisionCount, old.status?.collisionCount, path('status', 'collisionCount')),
    ],
  },
  printer: daemonSetPrinter,
};
