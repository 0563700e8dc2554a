// What `k8ts server` tells a hosted component's thread: what to run (workerData), then when to stop.

import type { ControllerOptions } from '../../controllers/controller.ts';

export type HostedSpec =
  | { readonly component: 'scheduler'; readonly kubeconfig: string; readonly metricsAddress?: string }
  | { readonly component: 'controller-manager'; readonly kubeconfig: string; readonly options: Partial<ControllerOptions>; readonly enabled: readonly string[] };

export type ToWorker = { readonly type: 'stop' };
