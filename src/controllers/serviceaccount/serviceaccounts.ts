// The service account controller (upstream's serviceaccounts-controller): a ServiceAccount
// named `default` in every active namespace, created again if deleted. It never changes an
// existing one.

import { isAlreadyExists, isForbidden, isNotFound } from '../../api/status-predicates.ts';
import type { Namespace, ServiceAccount } from '../../api/types/core/v1/index.ts';
import type { SharedInformer } from '../../client/informers/shared-informer.ts';
import type { Controller, ControllerContext, ControllerFactory } from '../controller.ts';
import { isActive, runPerNamespace } from './per-namespace.ts';
import { NAMESPACES, SERVICE_ACCOUNTS } from './resources.ts';

export const DEFAULT_SERVICE_ACCOUNT = 'default';

export class ServiceAccountController implements Controller {
  readonly name = 'serviceaccount-controller';
  readonly #c: ControllerContext;
  readonly #namespaces: SharedInformer<Namespace>;
  readonly #accounts: SharedInformer<ServiceAccount>;

  constructor(context: ControllerContext) {
    this.#c = context;
    this.#namespaces = context.informers.forResource<Namespace>(NAMESPACES);
    this.#accounts = context.informers.forResource<ServiceAccount>(SERVICE_ACCOUNTS);
  }

  run(signal: AbortSignal): Promise<void> {
    return runPerNamespace(this.#c, {
      namespaces: this.#namespaces, objects: this.#accounts, objectName: DEFAULT_SERVICE_ACCOUNT, workers: 1,
      sync: (ns, s) => this.sync(ns, s),
    }, signal);
  }

  async sync(namespace: string, signal: AbortSignal): Promise<void> {
    if (!isActive(this.#namespaces.lister().get(namespace))) return;
    if (this.#accounts.lister().namespace(namespace).get(DEFAULT_SERVICE_ACCOUNT) !== undefined) return;
    try {
      await this.#c.client.resource<ServiceAccount>(SERVICE_ACCOUNTS).namespace(namespace)
        .create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace } }, { signal });
    } catch (err) {
      // Already there (our cache lags), or the namespace is going away: nothing to do.
      if (isAlreadyExists(err) || isNotFound(err) || isForbidden(err)) return;
      throw err;
    }
  }
}

export const serviceAccountController: ControllerFactory = (context) => new ServiceAccountController(context);
