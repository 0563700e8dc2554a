// Node lifecycle: node health from heartbeats, health taints, taint-based eviction.
export { nodeLifecycleController, NodeLifecycleController } from './controller.ts';
export { TaintEviction } from './taint-eviction.ts';
