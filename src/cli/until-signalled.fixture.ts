// Child process of until-signalled.test.ts: a command whose components wait only on unref'd
// timers (as every component's timers are), for `argv[2]` ms, then until SIGTERM when argv[3]
// is "wait". Prints what happened.

import { runUntilSignalled } from './until-signalled.ts';

const ms = Number(process.argv[2] ?? 200);
const wait = process.argv[3] === 'wait';
await runUntilSignalled(async (signal) => {
  await new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
  process.stdout.write('waited\n');
  if (wait && !signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}, (name) => process.stdout.write(`${name}\n`));
process.stdout.write('returned\n');
