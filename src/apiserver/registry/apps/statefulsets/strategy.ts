// StatefulSets: pods with stable names and storage. Defaults as apps/v1 (OrderedReady,
// RollingUpdate from partition 0, claims retained, ten revisions); only replicas, ordinals,
// template, updateStrategy, the claim retention policy and minReadySeconds may change.

import { path } from '../../../../api/field-errors.ts';
import { StatefulSet, StatefulSetList, type StatefulSetSpec } from '../../../../api/types/apps/v1/index.ts';
import type { PersistentVolumeClaim, PodTemplateSpec } from '../../../../api/types/core/v1/index.ts';
import { nameIsDNSLabel } from '../../../../api/validation/names.ts';
import { defaultPodTemplateSpec } from '../../core/pods/defaults.ts';
import type { ResourceDef } from '../../resource.ts';
import { validateNotDecremented } from '../deployments/validation.ts';
import { SCALE_SUBRESOURCE } from '../replicasets/strategy.ts';
import { statefulSetPrinter } from './printer.ts';
import { validateStatefulSetSpec, validateStatefulSetSpecUpdate, validateStatefulSetStatus } from './validation.ts';

/** core/v1 defaults of a claim template: Filesystem volumes, a Pending phase. */
function defaultClaimTemplate(claim: PersistentVolumeClaim): void {
  const spec = (claim.spec ??= {});
  spec.volumeMode ??= 'Filesystem';
  const status = (claim.status ??= {});
  status.phase ||= 'Pending';
}

/** apps/v1 SetDefaults_StatefulSet, plus the defaults of its pod and claim templates. */
export function defaultStatefulSet(sts: StatefulSet): void {
  const spec = (sts.spec ??= {} as StatefulSetSpec);
  spec.podManagementPolicy ||= 'OrderedReady';
  const strategy = (spec.updateStrategy ??= {});
  if ((strategy.type ?? '') === '') {
    strategy.type = 'RollingUpdate';
    strategy.rollingUpdate ??= {};
  }
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate !== undefined) strategy.rollingUpdate.partition ??= 0;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  retention.whenDeleted ||= 'Retain';
  retention.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplateSpec((spec.template as PodTemplateSpec | undefined) ?? (spec.template = {}));
  for (const claim of spec.volumeClaimTemplates ?? []) defaultClaimTemplate(claim);
}

/**
 * rollingUpdate.maxUnavailable belongs to the MaxUnavailableStatefulSet feature, off (alpha)
 * in 1.33: dropped unless the stored object already uses it.
 */
function dropMaxUnavailable(sts: StatefulSet, old: StatefulSet | undefined): void {
  if (old?.spec?.updateStrategy?.rollingUpdate?.maxUnavailable !== undefined) return;
  const ru = sts.spec?.updateStrategy?.rollingUpdate;
  if (ru !== undefined) delete ru.maxUnavailable;
}

export const statefulsets: ResourceDef<StatefulSet> = {
  group: 'apps', version: 'v1', resource: 'statefulsets', singular: 'statefulset', kind: 'StatefulSet', listKind: 'StatefulSetList',
  namespaced: true, shortNames: ['sts'], categories: ['all'], shape: StatefulSet, listShape: StatefulSetList,
  strategy: {
    validateName: nameIsDNSLabel,
    tracksGeneration: true,
    defaults: defaultStatefulSet,
    prepareForCreate(sts) {
      sts.status = { replicas: 0, availableReplicas: 0 };
      dropMaxUnavailable(sts, undefined);
    },
    prepareForUpdate: (sts, old) => dropMaxUnavailable(sts, old),
    validate: (sts) => validateStatefulSetSpec(sts.spec, path('spec')),
    validateUpdate: (sts, old) => [
      ...validateStatefulSetSpec(sts.spec, path('spec')),
      ...validateStatefulSetSpecUpdate(sts.spec, old.spec, path('spec')),
    ],
  },
  status: {
    validateUpdate: (sts, old) => [
      ...validateStatefulSetStatus(sts.status, path('status')),
      ...validateNotDecremented(sts.status?.collisionCount, old.status?.collisionCount, path('status', 'collisionCount')),
    ],
  },
  subresources: [SCALE_SUBRESOURCE],
  printer: statefulSetPrinter,
};
