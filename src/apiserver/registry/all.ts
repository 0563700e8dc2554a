// Every resource the API server serves, in discovery order (upstream's group priority:
// the core group, then apps, events, authentication, authorization, autoscaling, batch, …).

import type { StructShape } from '../../api/schema/shape.ts';
import { Status, DeleteOptions, Table, PartialObjectMetadata, PartialObjectMetadataList, WatchEvent } from '../../api/types/meta/v1/index.ts';
import { configmaps } from './core/configmaps/strategy.ts';
import { namespaces } from './core/namespaces/strategy.ts';
import { secrets } from './core/secrets/strategy.ts';
import type { ResourceRegistry } from './registry.ts';

export function registerAll(registry: ResourceRegistry): void {
  registry.add(namespaces);
  registry.add(configmaps);
  registry.add(secrets);
  // Kinds that are not stored but travel in bodies, in every group version.
  const meta: Array<[string, StructShape]> = [
    ['Status', Status as StructShape], ['DeleteOptions', DeleteOptions as StructShape], ['WatchEvent', WatchEvent as StructShape],
  ];
  for (const [kind, shape] of meta) registry.addKind('v1', kind, shape);
  for (const version of ['v1', 'v1beta1']) {
    registry.addKind(`meta.k8s.io/${version}`, 'Table', Table as StructShape);
    registry.addKind(`meta.k8s.io/${version}`, 'PartialObjectMetadata', PartialObjectMetadata as StructShape);
    registry.addKind(`meta.k8s.io/${version}`, 'PartialObjectMetadataList', PartialObjectMetadataList as StructShape);
  }
}
