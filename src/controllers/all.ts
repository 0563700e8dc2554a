// Every controller the controller-manager can run, in start order. The list is passed to
// ControllerManager by src/cli; `--controllers` picks from it by each controller's name.
// Add a controller by appending its factory to the section of its owner below.

import type { ControllerFactory } from './controller.ts';
import { newGarbageCollector } from './garbagecollector/garbage-collector.ts';
import { newNamespaceController } from './namespace/namespace-controller.ts';

export const ALL_CONTROLLERS: ReadonlyArray<ControllerFactory> = [
  // Lifecycle of API objects: namespace deletion and the garbage collector.
  newNamespaceController,
  newGarbageCollector,
  // Workloads (replicaset, deployment, …) go here.
  // Nodes (nodelifecycle, nodeipam, podgc, …) go here.
];
