// A ListerWatcher driven by a test: lists answer from a script, watches are channels the test
// feeds, ends or fails. Every call is recorded with its options.

import type { KubeObject, ListOptions, ObjectList, WatchEvent, WatchOptions } from '../rest/types.ts';
import type { ListerWatcher } from './list-watch.ts';

export interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

export function cm(name: string, resourceVersion: string, namespace = 'ns', labels?: Record<string, string>): ConfigMap {
  return { metadata: { name, namespace, resourceVersion, ...(labels === undefined ? {} : { labels }) } };
}

/** A watch the test controls. */
export class FakeWatch<T> implements AsyncIterable<WatchEvent<T>> {
  readonly options: WatchOptions;
  #events: (WatchEvent<T> | { end: true } | { error: unknown })[] = [];
  #wake: (() => void) | undefined;
  stopped = false;

  constructor(options: WatchOptions) {
    this.options = options;
    options.signal?.addEventListener('abort', () => this.end(), { once: true });
  }

  push(event: WatchEvent<T>): void {
    this.#events.push(event);
    this.#wake?.();
  }

  end(): void {
    this.#events.push({ end: true });
    this.#wake?.();
  }

  fail(error: unknown): void {
    this.#events.push({ error });
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<WatchEvent<T>> {
    try {
      for (;;) {
        const next = this.#events.shift();
        if (next === undefined) {
          await new Promise<void>((resolve) => { this.#wake = resolve; });
          continue;
        }
        if ('end' in next) return;
        if ('error' in next) throw next.error;
        yield next;
      }
    } finally {
      this.stopped = true;
    }
  }
}

export type ListAnswer<T> = ObjectList<T> | Error;

export class FakeListerWatcher<T> implements ListerWatcher<T> {
  readonly lists: ListOptions[] = [];
  readonly watches: FakeWatch<T>[] = [];
  /** Answers for the next list calls, in order; when empty, `defaultList` answers. */
  readonly listAnswers: ListAnswer<T>[] = [];
  defaultList: ListAnswer<T> = { metadata: { resourceVersion: '1' }, items: [] };
  /** Errors thrown by the next watch calls before they start, in order. */
  readonly watchErrors: Error[] = [];

  list(options: ListOptions): Promise<ObjectList<T>> {
    const { signal: _signal, ...recorded } = options;
    this.lists.push(recorded);
    const answer = this.listAnswers.shift() ?? this.defaultList;
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }

  watch(options: WatchOptions): AsyncIterable<WatchEvent<T>> {
    const error = this.watchErrors.shift();
    const watch = new FakeWatch<T>(options);
    this.watches.push(watch);
    if (error !== undefined) watch.fail(error);
    return watch;
  }

  lastWatch(): FakeWatch<T> {
    const watch = this.watches.at(-1);
    if (watch === undefined) throw new Error('no watch yet');
    return watch;
  }
}

/** Lets pending promise callbacks run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}
