// What every controller of the controller-manager is: a long-running part started with the
// shared client machinery, once this instance leads. Handlers enqueue keys; workers run
// sync(key) reading from listers (see src/client/informers and src/client/workqueue).

import type { Clock } from '../api/clock.ts';
import type { SharedInformerFactory } from '../client/informers/factory.ts';
import type { RestClient } from '../client/rest/client.ts';

/** Upstream's flag names, passed through by `k8ts server` and `k8ts controller-manager`. */
export interface ControllerOptions {
  readonly nodeMonitorGracePeriodMs: number;
  readonly nodeMonitorPeriodMs: number;
  readonly podEvictionTimeoutMs: number;
  readonly concurrentDeploymentSyncs: number;
  readonly concurrentReplicaSetSyncs: number;
  readonly concurrentGcSyncs: number;
  readonly concurrentNamespaceSyncs: number;
  readonly terminatedPodGcThreshold: number;
  readonly clusterCidr: string;
  readonly nodeCidrMaskSize: number;
  /**
   * --kube-api-qps / --kube-api-burst: the client-side rate limit of each controller's client
   * (and of the shared informers' client), as upstream gives every controller a clientset of
   * its own with these limits. qps ≤ 0: no limit.
   */
  readonly kubeApiQps: number;
  readonly kubeApiBurst: number;
}

export const DEFAULT_CONTROLLER_OPTIONS: ControllerOptions = {
  nodeMonitorGracePeriodMs: 40_000,
  nodeMonitorPeriodMs: 5_000,
  podEvictionTimeoutMs: 300_000,
  concurrentDeploymentSyncs: 5,
  concurrentReplicaSetSyncs: 5,
  concurrentGcSyncs: 20,
  concurrentNamespaceSyncs: 10,
  terminatedPodGcThreshold: 12_500,
  clusterCidr: '10.42.0.0/16',
  nodeCidrMaskSize: 24,
  // Upstream kube-controller-manager's defaults.
  kubeApiQps: 20,
  kubeApiBurst: 30,
};

export interface ControllerContext {
  /** A client with the controller-manager's identity. */
  readonly client: RestClient;
  /** Shared informers: ask for a resource's informer here, never build your own. */
  readonly informers: SharedInformerFactory;
  readonly clock: Clock;
  readonly options: ControllerOptions;
}

export interface Controller {
  /** The name upstream uses (`--controllers` uses these): "replicaset", "deployment", "garbage-collector", … */
  readonly name: string;
  /** Runs until `signal` aborts; informers are started and synced by the manager. */
  run(signal: AbortSignal): Promise<void>;
}

/** Builds a controller; it may ask the factory for informers here (before they start). */
export type ControllerFactory = (context: ControllerContext) => Controller;
