// The scheduler's public surface.

export { Scheduler, type SchedulerOptions } from './scheduler.ts';
export { runScheduler, type RunSchedulerOptions } from './run.ts';
export { parseSchedulerConfig, schedulerConfig, type KubeSchedulerConfiguration, type SchedulerConfig } from './config/config.ts';
export { inTreeRegistry, DEFAULT_PLUGINS } from './plugins/registry.ts';
export { SchedulerMetrics } from './metrics.ts';
export { MetricsServer } from './metrics-server.ts';
