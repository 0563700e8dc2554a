// Reads a container's CRI-format log file as `kubectl logs` wants it. Each record is
// `<RFC3339Nano time> <stdout|stderr> <F|P> <text>`; F ends a line, P is part of a longer one.
// Options as upstream's PodLogOptions: tailLines (records from the end), sinceSeconds/sinceTime
// (records at or after), timestamps (the record's time before each), limitBytes (output cut
// there), follow (keep reading as the file grows, reopening it when it is rotated, until the
// container is no longer running and the file has nothing more).

import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Clock } from '../../api/clock.ts';
import { sleep } from '../../client/informers/wait.ts';

export interface LogOptions {
  readonly follow: boolean;
  readonly tailLines: number | undefined;
  /** Only records at or after this time (ms since the epoch). */
  readonly sinceMs: number | undefined;
  readonly timestamps: boolean;
  readonly limitBytes: number | undefined;
}

/** Parses the kubelet's /containerLogs query; a string is the 400 message. */
export function parseLogOptions(query: URLSearchParams, nowMs: number): LogOptions | string {
  const int = (name: string, min: number): number | undefined | string => {
    const raw = query.get(name);
    if (raw === null || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) return `${name} must be an integer of at least ${min}, not "${raw}"`;
    return n;
  };
  const bool = (name: string): boolean => ['true', '1'].includes((query.get(name) ?? '').toLowerCase());
  const tailLines = int('tailLines', 0);
  const sinceSeconds = int('sinceSeconds', 1);
  const limitBytes = int('limitBytes', 1);
  for (const v of [tailLines, sinceSeconds, limitBytes]) if (typeof v === 'string') return v;
  const sinceTime = query.get('sinceTime');
  if (sinceSeconds !== undefined && sinceTime !== null) return 'at most one of sinceTime or sinceSeconds may be specified';
  let sinceMs: number | undefined;
  if (typeof sinceSeconds === 'number') sinceMs = nowMs - sinceSeconds * 1000;
  if (sinceTime !== null && sinceTime !== '') {
    sinceMs = parseTime(sinceTime);
    if (Number.isNaN(sinceMs)) return `sinceTime: invalid RFC3339 time "${sinceTime}"`;
  }
  return {
    follow: bool('follow'), timestamps: bool('timestamps'), sinceMs,
    tailLines: tailLines as number | undefined, limitBytes: limitBytes as number | undefined,
  };
}

/** RFC 3339 with up to nanoseconds; JavaScript dates keep milliseconds. */
function parseTime(text: string): number {
  return Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
}

interface LogRecord {
  readonly time: string;
  readonly timeMs: number;
  readonly partial: boolean;
  readonly text: Buffer;
}

export function parseRecord(line: Buffer): LogRecord | undefined {
  const s1 = line.indexOf(0x20);
  const s2 = s1 === -1 ? -1 : line.indexOf(0x20, s1 + 1);
  if (s2 === -1) return undefined;
  const s3 = line.indexOf(0x20, s2 + 1);
  const tag = line.subarray(s2 + 1, s3 === -1 ? line.length : s3).toString('latin1');
  const time = line.subarray(0, s1).toString('latin1');
  const timeMs = parseTime(time);
  if (Number.isNaN(timeMs)) return undefined;
  return { time, timeMs, partial: tag.split(':').includes('P'), text: s3 === -1 ? Buffer.alloc(0) : line.subarray(s3 + 1) };
}

export interface FollowHooks {
  readonly clock: Clock;
  /** True while the container may still write; following stops once it is false at the end of the file. */
  readonly running: () => Promise<boolean>;
  readonly signal: AbortSignal;
}

const CHUNK = 64 * 1024;
/** How often a followed file is checked for growth. */
const POLL_MS = 200;

/**
 * Writes the log to `write` (which resolves once the client took the chunk). Resolves at the
 * end of the log, when `limitBytes` is reached, or when the signal fires.
 */
export async function copyLog(path: string, options: LogOptions, write: (chunk: Buffer) => Promise<void>, hooks: FollowHooks): Promise<void> {
  let left = options.limitBytes ?? Infinity;
  const emit = async (record: LogRecord): Promise<boolean> => {
    if (options.sinceMs !== undefined && record.timeMs < options.sinceMs) return true;
    const line = record.partial ? record.text : Buffer.concat([record.text, Buffer.from('\n')]);
    let out = options.timestamps ? Buffer.concat([Buffer.from(`${record.time} `), line]) : line;
    if (out.length > left) out = out.subarray(0, left);
    left -= out.length;
    await write(out);
    return left > 0;
  };

  let handle: FileHandle = await open(path, 'r');
  try {
    let ino = (await handle.stat()).ino;
    let position = 0;
    let pending = Buffer.alloc(0);
    const tail: LogRecord[] = [];
    let tailing = options.tailLines !== undefined;
    /** Reads what the file has now; false once the output is complete. */
    const drain = async (): Promise<boolean> => {
      const buffer = Buffer.alloc(CHUNK);
      for (;;) {
        if (hooks.signal.aborted) return false;
        const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
        if (bytesRead === 0) return true;
        position += bytesRead;
        pending = Buffer.concat([pending, buffer.subarray(0, bytesRead)]);
        let nl: number;
        while ((nl = pending.indexOf(0x0a)) !== -1) {
          const record = parseRecord(pending.subarray(0, nl));
          pending = pending.subarray(nl + 1);
          if (record === undefined) continue;
          if (tailing) {
            tail.push(record);
            if (tail.length > (options.tailLines ?? 0)) tail.shift();
          } else if (!(await emit(record))) return false;
        }
      }
    };
    if (!(await drain())) return;
    tailing = false;
    for (const record of tail.splice(0)) if (!(await emit(record))) return;
    if (!options.follow) return;
    let idle = 0;
    while (!hooks.signal.aborted) {
      await sleep(hooks.clock, POLL_MS, hooks.signal);
      const now = await stat(path).catch(() => undefined);
      if (now !== undefined && (now.ino !== ino || now.size < position)) {
        // Rotated or truncated: finish the old file, then continue from the new one's start.
        if (!(await drain())) return;
        await handle.close();
        handle = await open(path, 'r');
        ino = (await handle.stat()).ino;
        position = 0;
        pending = Buffer.alloc(0);
      }
      const before = position;
      if (!(await drain())) return;
      if (position !== before) { idle = 0; continue; }
      if (++idle % 5 === 0 && !(await hooks.running())) {
        if (!(await drain())) return;
        return;
      }
    }
  } finally {
    await handle.close();
  }
}
