// The ReplicaSet controller as the controller-manager registers it.

import type { ControllerFactory } from '../controller.ts';
import { ReplicaSetController } from './replicaset-controller.ts';

export const replicaSetController: ControllerFactory = (context) => new ReplicaSetController(context);
export { ReplicaSetController };
