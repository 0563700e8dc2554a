// Pod garbage collection: terminated pods over the threshold, orphaned and stuck terminating pods.
export { DEFAULT_POD_GC_TIMING, podGcController, PodGcController, podGcControllerWith, type PodGcTiming } from './controller.ts';
