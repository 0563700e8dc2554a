// Plugin results (upstream's framework.Status): a code and the reasons shown to users. Plugins
// return a Status instead of throwing; only Error means something went wrong.

export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error' | 'Skip' | 'Wait';

export interface Status {
  readonly code: Code;
  /** Each reason is counted separately in the FailedScheduling summary. */
  readonly reasons: readonly string[];
  /** The plugin that answered; set by the framework. */
  plugin?: string;
}

const SUCCESS: Status = Object.freeze({ code: 'Success', reasons: [] }) as Status;

export function success(): Status {
  return SUCCESS;
}

export function unschedulable(...reasons: string[]): Status {
  return { code: 'Unschedulable', reasons };
}

export function unresolvable(...reasons: string[]): Status {
  return { code: 'UnschedulableAndUnresolvable', reasons };
}

export function errorStatus(message: string): Status {
  return { code: 'Error', reasons: [message] };
}

const SKIP: Status = Object.freeze({ code: 'Skip', reasons: Object.freeze([]) }) as Status;

/** Shared and frozen, as success(): several plugins answer it every cycle. */
export function skip(): Status {
  return SKIP;
}

export function isSuccess(s: Status): boolean {
  return s.code === 'Success';
}

/** Unschedulable or UnschedulableAndUnresolvable: the pod does not fit, nothing failed. */
export function isRejected(s: Status): boolean {
  return s.code === 'Unschedulable' || s.code === 'UnschedulableAndUnresolvable';
}

export function message(s: Status): string {
  return s.reasons.join(', ');
}

export function withPlugin(s: Status, plugin: string): Status {
  return s.code === 'Success' ? s : { ...s, plugin };
}
