// Namespaces: cluster-scoped; created Active with the "kubernetes" finalizer in spec; a
// delete marks them Terminating until the namespace controller has emptied them and
// removed the finalizer through the finalize subresource.

import { Namespace, NamespaceList } from '../../../../api/types/core/v1/index.ts';
import { nameIsDNSLabel } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { namespacePrinter } from './printer.ts';

export const KUBERNETES_FINALIZER = 'kubernetes';

/** Namespaces the API server creates at start. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

/** Namespaces that may never be deleted (the NamespaceLifecycle admission rule). */
export const IMMORTAL_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public'];

export const namespaces: ResourceDef<Namespace> = {
  group: '', version: 'v1', resource: 'namespaces', singular: 'namespace', kind: 'Namespace', listKind: 'NamespaceList',
  namespaced: false, shortNames: ['ns'], shape: Namespace, listShape: NamespaceList,
  strategy: {
    validateName: nameIsDNSLabel,
    prepareForCreate(ns) {
      ns.status = { phase: 'Active' };
      const finalizers = ns.spec?.finalizers ?? [];
      ns.spec = { ...ns.spec, finalizers: finalizers.includes(KUBERNETES_FINALIZER) ? finalizers : [...finalizers, KUBERNETES_FINALIZER] };
    },
    prepareForUpdate(ns, old) {
      // spec.finalizers change only through the finalize subresource.
      ns.spec = { ...ns.spec };
      if (old.spec?.finalizers === undefined) delete ns.spec.finalizers;
      else ns.spec.finalizers = old.spec.finalizers;
    },
    holdsDeletion(ns) {
      if ((ns.spec?.finalizers ?? []).length === 0) return false;
      ns.status = { ...ns.status, phase: 'Terminating' };
      return true;
    },
  },
  status: {},
  partialUpdates: {
    finalize(input, old) {
      const spec = { ...old.spec };
      if (input.spec?.finalizers === undefined) delete spec.finalizers;
      else spec.finalizers = input.spec.finalizers;
      return { ...old, spec };
    },
  },
  printer: namespacePrinter,
};
