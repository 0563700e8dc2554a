// What `k8ts server` and a hosted component's thread tell each other: what to run (workerData),
// when to stop, and (the API server) that it is serving.

import type { Component } from '../../apiserver/component-credentials.ts';
import type { ListenAddress } from '../../apiserver/http/server.ts';
import type { ControllerOptions } from '../../controllers/controller.ts';
import type { OpenOptions } from '../../storage/open.ts';

/** The API server and the datastore it serves from (opened on its thread). */
export interface ApiServerSpec {
  readonly component: 'apiserver';
  readonly dataDir: string;
  /** --datastore-endpoint, already checked. */
  readonly endpoint: string;
  readonly storeOptions: OpenOptions;
  readonly host: string;
  readonly port: number;
  readonly tlsSans: readonly string[];
  readonly maxRequestsInflight: number;
  readonly maxMutatingRequestsInflight: number;
  readonly joinToken?: string;
}

export type HostedSpec =
  | ApiServerSpec
  | { readonly component: 'scheduler'; readonly kubeconfig: string; readonly metricsAddress?: string }
  | { readonly component: 'controller-manager'; readonly kubeconfig: string; readonly options: Partial<ControllerOptions>; readonly enabled: readonly string[] };

export type ToWorker = { readonly type: 'stop' };

/** The API server is serving: where, and what its clients (the other components, the agent) need. */
export interface ApiServerReady {
  readonly type: 'ready';
  readonly address: ListenAddress;
  readonly kubeconfig: string;
  readonly components: Record<Component, string>;
  readonly joinToken: string;
}

export type FromWorker = ApiServerReady;
