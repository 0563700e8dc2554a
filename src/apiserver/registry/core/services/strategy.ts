// Services: upstream's defaults and validation, with cluster IPs and node ports allocated as
// the Service is prepared (upstream allocates in its storage's BeginCreate/BeginUpdate).
//
// The generic store has no hook that runs after a write succeeds or fails, nor one for
// deletes, and prepareForCreate also runs for dry runs. So: an allocation is given back at
// once when the Service turns out invalid; otherwise what a failed or dry-run write, a type
// change or a delete leaves behind is freed by ServiceAllocators.repair(), which the server
// runs with the stored Services (upstream's repair controllers run every few minutes too).

import { path } from '../../../../api/field-errors.ts';
import { Service, ServiceList } from '../../../../api/types/core/v1/index.ts';
import { nameIsDNS1035Label } from '../../../../api/validation/names.ts';
import { validateObjectMeta } from '../../../../api/validation/object-meta.ts';
import type { ResourceDef } from '../../resource.ts';
import { Allocation, allocateCreate, allocateUpdate } from './allocation.ts';
import { ServiceAllocators } from './allocator.ts';
import { defaultIngressIPMode, defaultService } from './defaults.ts';
import { servicePrinter } from './printer.ts';
import { dropTypeDependentFields, normalizeClusterIPs, patchAllocatedValues } from './update-fields.ts';
import { validateService, validateServiceStatus, validateServiceUpdate } from './validation.ts';

const metaRules = { namespaced: true, validateName: nameIsDNS1035Label };

/** The Services resource, allocating from the given allocators (one set per API server). */
export function createServicesDef(allocators: ServiceAllocators): ResourceDef<Service> {
  return {
    group: '', version: 'v1', resource: 'services', singular: 'service', kind: 'Service', listKind: 'ServiceList',
    namespaced: true, shortNames: ['svc'], categories: ['all'], shape: Service, listShape: ServiceList,
    strategy: {
      validateName: nameIsDNS1035Label,
      allowCreateOnUpdate: true,
      allowUnconditionalUpdate: true,
      defaults: defaultService,
      prepareForCreate(svc) {
        svc.status = { loadBalancer: {} };
        const txn = new Allocation();
        allocateCreate(svc, allocators, txn);
        // Validation runs next and will refuse this one: give back what it took right away.
        const metaErrors = validateObjectMeta(svc.metadata ?? {}, metaRules, path('metadata'));
        if (metaErrors.length > 0 || validateService(svc).length > 0) txn.revert();
      },
      prepareForUpdate(svc, old) {
        patchAllocatedValues(svc, old);
        normalizeClusterIPs(svc, old);
        const txn = new Allocation();
        allocateUpdate(svc, old, allocators, txn);
        dropTypeDependentFields(svc, old);
        if (validateServiceUpdate(svc, old).length > 0) txn.revert();
      },
      validate: validateService,
      validateUpdate: validateServiceUpdate,
      selectableFields: (svc) => ({ 'spec.clusterIP': svc.spec?.clusterIP ?? '', 'spec.type': svc.spec?.type ?? '' }),
    },
    status: {
      prepareForUpdate(svc) {
        if (svc.spec?.type === 'LoadBalancer') defaultIngressIPMode(svc);
      },
      validateUpdate: validateServiceStatus,
    },
    subresources: [{ name: 'proxy', kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }],
    printer: servicePrinter,
  };
}

/**
 * A Services resource with allocators of its own over the default ranges, for tools and tests
 * that need the description. A server builds its own with createServicesDef, from allocators
 * rebuilt from the stored Services.
 */
export const services: ResourceDef<Service> = createServicesDef(new ServiceAllocators([]));
