// Every controller the controller-manager can run, in start order. The list is passed to
// ControllerManager by src/cli; `--controllers` picks from it by each controller's name.
// Add a controller by appending its factory to the section of its owner below.

import type { ControllerFactory } from './controller.ts';
import { deploymentController } from './deployment/index.ts';
import { newGarbageCollector } from './garbagecollector/garbage-collector.ts';
import { newNamespaceController } from './namespace/namespace-controller.ts';
import { nodeIpamController } from './nodeipam/index.ts';
import { nodeLifecycleController } from './nodelifecycle/index.ts';
import { podGcController } from './podgc/index.ts';
import { replicaSetController } from './replicaset/index.ts';
import { rootCaConfigMapController, serviceAccountController } from './serviceaccount/index.ts';

export const ALL_CONTROLLERS: ReadonlyArray<ControllerFactory> = [
  // Lifecycle of API objects: namespace deletion and the garbage collector.
  newNamespaceController,
  newGarbageCollector,
  // Workloads.
  replicaSetController,
  deploymentController,
  // Nodes and their pods.
  nodeIpamController,
  nodeLifecycleController,
  podGcController,
  // Service accounts and the root CA every namespace can read.
  serviceAccountController,
  rootCaConfigMapController,
];
