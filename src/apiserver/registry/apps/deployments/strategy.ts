// Deployments: declarative rollouts of a pod template through ReplicaSets. Defaults as
// apps/v1 (one replica, RollingUpdate 25%/25%, ten revisions kept, a 600 s progress
// deadline); the selector never changes; a change of spec or annotations bumps generation,
// since annotations are copied to the ReplicaSets.

import { path } from '../../../../api/field-errors.ts';
import { jsonEqual } from '../../../../api/json-equal.ts';
import { Deployment, DeploymentList, type DeploymentSpec } from '../../../../api/types/apps/v1/index.ts';
import type { PodTemplateSpec } from '../../../../api/types/core/v1/index.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import { defaultPodTemplateSpec } from '../../core/pods/defaults.ts';
import type { ResourceDef } from '../../resource.ts';
import { validateSelectorUnchanged } from '../replicasets/pod-controller.ts';
import { SCALE_SUBRESOURCE } from '../replicasets/strategy.ts';
import { deploymentPrinter } from './printer.ts';
import { validateDeploymentSpec, validateDeploymentStatus, validateNotDecremented } from './validation.ts';

/** apps/v1 SetDefaults_Deployment, plus the pod defaults of its template. */
export function defaultDeployment(d: Deployment): void {
  // Upstream's spec and template are values, never nil: a missing one is defaulted as empty.
  const spec = (d.spec ??= {} as DeploymentSpec);
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  if ((strategy.type ?? '') === '') strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplateSpec((spec.template as PodTemplateSpec | undefined) ?? (spec.template = {}));
}

export const deployments: ResourceDef<Deployment> = {
  group: 'apps', version: 'v1', resource: 'deployments', singular: 'deployment', kind: 'Deployment', listKind: 'DeploymentList',
  namespaced: true, shortNames: ['deploy'], categories: ['all'], shape: Deployment, listShape: DeploymentList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    tracksGeneration: true,
    defaults: defaultDeployment,
    prepareForCreate(d) {
      d.status = {};
    },
    prepareForUpdate(d, old) {
      // The generic store bumps generation for spec changes; annotations count here too.
      const meta = d.metadata ?? {};
      if (!jsonEqual(meta.annotations ?? {}, old.metadata?.annotations ?? {})) meta.generation = (old.metadata?.generation ?? 0) + 1;
    },
    validate: (d) => validateDeploymentSpec(d.spec, path('spec')),
    validateUpdate: (d, old) => [
      ...validateDeploymentSpec(d.spec, path('spec')),
      ...validateSelectorUnchanged(d.spec?.selector, old.spec?.selector, path('spec', 'selector')),
    ],
  },
  status: {
    validateUpdate: (d, old) => [
      ...validateDeploymentStatus(d.status, path('status')),
      ...validateNotDecremented(d.status?.collisionCount, old.status?.collisionCount, path('status', 'collisionCount')),
    ],
  },
  subresources: [SCALE_SUBRESOURCE],
  printer: deploymentPrinter,
};
