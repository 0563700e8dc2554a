// The Deployment controller as the controller-manager registers it.

import type { ControllerFactory } from '../controller.ts';
import { DeploymentController } from './deployment-controller.ts';

export const deploymentController: ControllerFactory = (context) => new DeploymentController(context);
export { DeploymentController };
