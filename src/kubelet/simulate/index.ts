// The simulated kubelet (`k8ts simulate`): many nodes with an in-memory runtime in one process.
export { Simulator, simulatedNodeNames, type SimulatorOptions } from './simulator.ts';
