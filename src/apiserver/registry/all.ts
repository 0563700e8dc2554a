// Every resource the API server serves, in discovery order: the core group, then the other
// groups in upstream's priority order; within a group, resources by name.

import type { StructShape } from '../../api/schema/shape.ts';
import { Scale } from '../../api/types/autoscaling/v1/index.ts';
import { TokenRequest } from '../../api/types/authentication/v1/index.ts';
import { Binding } from '../../api/types/core/v1/index.ts';
import { Eviction } from '../../api/types/policy/v1/index.ts';
import { DeleteOptions, PartialObjectMetadata, PartialObjectMetadataList, Status, Table, WatchEvent } from '../../api/types/meta/v1/index.ts';
import { controllerrevisions } from './apps/controllerrevisions/strategy.ts';
import { daemonsets } from './apps/daemonsets/strategy.ts';
import { deployments } from './apps/deployments/strategy.ts';
import { replicasets } from './apps/replicasets/strategy.ts';
import { replicasScale } from './apps/scale.ts';
import { statefulsets } from './apps/statefulsets/strategy.ts';
import { createTokenReviewsDef, type TokenAuthenticator } from './authentication/tokenreviews/strategy.ts';
import { localsubjectaccessreviews, selfsubjectaccessreviews, selfsubjectrulesreviews, subjectaccessreviews } from './authorization/reviews/strategy.ts';
import { cronjobs } from './batch/cronjobs/strategy.ts';
import { jobs } from './batch/jobs/strategy.ts';
import { leases } from './coordination/leases/strategy.ts';
import { configmaps } from './core/configmaps/strategy.ts';
import { endpoints } from './core/endpoints/strategy.ts';
import { events } from './core/events/strategy.ts';
import { limitranges } from './core/limitranges/strategy.ts';
import { namespaces } from './core/namespaces/strategy.ts';
import { nodes } from './core/nodes/strategy.ts';
import { persistentvolumeclaims } from './core/persistentvolumeclaims/strategy.ts';
import { createPersistentVolumesDef } from './core/persistentvolumes/strategy.ts';
import { pods } from './core/pods/strategy.ts';
import { podtemplates } from './core/podtemplates/strategy.ts';
import { resourcequotas } from './core/resourcequotas/strategy.ts';
import { secrets } from './core/secrets/strategy.ts';
import { serviceaccounts } from './core/serviceaccounts/strategy.ts';
import { createServicesDef } from './core/services/strategy.ts';
import type { ServiceAllocators } from './core/services/allocator.ts';
import { endpointslices } from './discovery/endpointslices/strategy.ts';
import { eventsV1 } from './events/events/strategy.ts';
import { poddisruptionbudgets } from './policy/poddisruptionbudgets/strategy.ts';
import type { ResourceRegistry } from './registry.ts';
import type { ApiObject, ResourceDef } from './resource.ts';
import { priorityclasses } from './scheduling/priorityclasses/strategy.ts';
import { storageclasses } from './storage/storageclasses/strategy.ts';
import type { Clock } from '../../api/clock.ts';
import { realClock } from '../../api/clock.ts';

export interface RegisterOptions {
  /** Cluster IPs and node ports, built from the stored Services before serving. */
  readonly serviceAllocators: ServiceAllocators;
  /** Checks bearer tokens for TokenReviews (service-account tokens); without it none are served. */
  readonly tokenAuthenticator?: TokenAuthenticator;
  readonly clock?: Clock;
}

const scalable = <T extends ApiObject>(def: ResourceDef<T>): ResourceDef<T> => ({ ...def, scale: replicasScale as unknown as NonNullable<ResourceDef<T>['scale']> });

export function registerAll(registry: ResourceRegistry, options: RegisterOptions): void {
  const clock = options.clock ?? realClock;
  // core/v1
  registry.add(configmaps);
  registry.add(endpoints);
  registry.add(events);
  registry.add(limitranges);
  registry.add(namespaces);
  registry.add(nodes);
  registry.add(persistentvolumeclaims);
  registry.add(createPersistentVolumesDef(clock));
  registry.add(pods);
  registry.add(podtemplates);
  registry.add(resourcequotas);
  registry.add(secrets);
  registry.add(serviceaccounts);
  registry.add(createServicesDef(options.serviceAllocators));
  // apps/v1
  registry.add(controllerrevisions);
  registry.add(daemonsets);
  registry.add(scalable(deployments));
  registry.add(scalable(replicasets));
  registry.add(scalable(statefulsets));
  // events.k8s.io/v1 (a view of the core Events)
  registry.add(eventsV1);
  // authentication.k8s.io/v1
  if (options.tokenAuthenticator !== undefined) registry.add(createTokenReviewsDef(options.tokenAuthenticator));
  // authorization.k8s.io/v1
  registry.add(localsubjectaccessreviews);
  registry.add(selfsubjectaccessreviews);
  registry.add(selfsubjectrulesreviews);
  registry.add(subjectaccessreviews);
  // batch/v1
  registry.add(cronjobs);
  registry.add(jobs);
  // policy/v1
  registry.add(poddisruptionbudgets);
  // storage.k8s.io/v1
  registry.add(storageclasses);
  // scheduling.k8s.io/v1
  registry.add(priorityclasses);
  // coordination.k8s.io/v1
  registry.add(leases);
  // discovery.k8s.io/v1
  registry.add(endpointslices);

  // Kinds that are not stored but travel in bodies.
  const meta: Array<[string, StructShape]> = [
    ['Status', Status as StructShape], ['DeleteOptions', DeleteOptions as StructShape], ['WatchEvent', WatchEvent as StructShape],
    ['Binding', Binding as StructShape],
  ];
  for (const [kind, shape] of meta) registry.addKind('v1', kind, shape);
  registry.addKind('autoscaling/v1', 'Scale', Scale as StructShape);
  registry.addKind('policy/v1', 'Eviction', Eviction as StructShape);
  registry.addKind('authentication.k8s.io/v1', 'TokenRequest', TokenRequest as StructShape);
  for (const version of ['v1', 'v1beta1']) {
    registry.addKind(`meta.k8s.io/${version}`, 'Table', Table as StructShape);
    registry.addKind(`meta.k8s.io/${version}`, 'PartialObjectMetadata', PartialObjectMetadata as StructShape);
    registry.addKind(`meta.k8s.io/${version}`, 'PartialObjectMetadataList', PartialObjectMetadataList as StructShape);
  }
}
