// The root CA publisher (upstream's root-ca-cert-publisher): a ConfigMap `kube-root-ca.crt`
// in every active namespace whose `ca.crt` is the cluster CA, so pods can trust the API
// server. Edits to the ConfigMap's data are undone; a deleted one is created again. The CA is
// the one the controller-manager itself trusts: its kubeconfig's certificate-authority-data.

import { isAlreadyExists, isForbidden, isNotFound } from '../../api/status-predicates.ts';
import type { ConfigMap, Namespace } from '../../api/types/core/v1/index.ts';
import type { SharedInformer } from '../../client/informers/shared-informer.ts';
import type { Controller, ControllerContext, ControllerFactory } from '../controller.ts';
import { isActive, runPerNamespace } from './per-namespace.ts';
import { CONFIG_MAPS, NAMESPACES } from './resources.ts';

export const ROOT_CA_CONFIG_MAP = 'kube-root-ca.crt';
const DESCRIPTION = 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** The data the ConfigMap must hold, or undefined when `current` already holds exactly it. */
export function wantedData(current: ConfigMap | undefined, caPem: string): Record<string, string> | undefined {
  const data = current?.data ?? {};
  const keys = Object.keys(data);
  if (current !== undefined && keys.length === 1 && data['ca.crt'] === caPem && current.binaryData === undefined) return undefined;
  return { 'ca.crt': caPem };
}

export class RootCaPublisher implements Controller {
  readonly name = 'root-ca-certificate-publisher-controller';
  readonly #c: ControllerContext;
  readonly #caPem: string;
  readonly #namespaces: SharedInformer<Namespace>;
  readonly #configMaps: SharedInformer<ConfigMap>;

  constructor(context: ControllerContext, caPem: string) {
    this.#c = context;
    this.#caPem = caPem;
    this.#namespaces = context.informers.forResource<Namespace>(NAMESPACES);
    this.#configMaps = context.informers.forResource<ConfigMap>(CONFIG_MAPS);
  }

  run(signal: AbortSignal): Promise<void> {
    return runPerNamespace(this.#c, {
      namespaces: this.#namespaces, objects: this.#configMaps, objectName: ROOT_CA_CONFIG_MAP, workers: 1,
      sync: (ns, s) => this.sync(ns, s),
    }, signal);
  }

  async sync(namespace: string, signal: AbortSignal): Promise<void> {
    if (!isActive(this.#namespaces.lister().get(namespace))) return;
    const current = this.#configMaps.lister().namespace(namespace).get(ROOT_CA_CONFIG_MAP);
    const data = wantedData(current, this.#caPem);
    if (data === undefined) return;
    const client = this.#c.client.resource<ConfigMap>(CONFIG_MAPS).namespace(namespace);
    try {
      if (current === undefined) {
        await client.create({ apiVersion: 'v1', kind: 'ConfigMap',
          metadata: { name: ROOT_CA_CONFIG_MAP, namespace, annotations: { 'kubernetes.io/description': DESCRIPTION } }, data }, { signal });
      } else {
        const { binaryData: _binary, ...rest } = current;
        // The resourceVersion from the cache makes this a compare-and-swap; a conflict retries.
        await client.update({ ...rest, data }, { signal });
      }
    } catch (err) {
      if (isAlreadyExists(err) || isNotFound(err) || isForbidden(err)) return;
      throw err;
    }
  }
}

/** Builds the publisher with the CA the controller-manager's own client trusts. */
export const rootCaConfigMapController: ControllerFactory = (context) => {
  const ca = context.client.config.caData;
  if (ca === undefined || ca === '') throw new Error('root-ca-certificate-publisher: the controller-manager kubeconfig has no certificate-authority-data');
  return new RootCaPublisher(context, ca);
};
