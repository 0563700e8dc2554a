// The small command language the in-memory runtime interprets, so simulated containers exit,
// sleep, print and ignore signals as the same command would in a real container:
//
//   argv                         what the container does
//   (none: the image's default)  runs until stopped; exits 0 on SIGTERM, as a server's entrypoint
//                                (pause, nginx) handles the signal
//   true | false | exit N        exits 0 | 1 | N
//   sleep N                      waits N seconds (on the runtime's Clock), then exit 0; `sleep infinity` runs until stopped
//   echo WORDS…                  prints WORDS to stdout, exit 0
//   tail /dev/zero, cat /dev/zero   eats memory: OOMKilled (exit 137) when a memory limit is set, else runs until stopped
//   sh -c SCRIPT                 SCRIPT is a list of the commands above separated by `;` (continue) or
//                                `&&` (stop at a failure); `trap 'exit N' TERM` makes SIGTERM exit N;
//                                `>&2` after echo prints to stderr; the last status is the exit code
//   anything else                runs until stopped (a server, `while true; …`, `tail -f …`)
//
// As for PID 1 in a real container, a command's SIGTERM is ignored unless a trap handles it, so stopping
// waits out the grace period and then SIGKILLs (exit 137). Executed with execSync, commands
// the language does not know succeed at once with no output (probes such as `cat /tmp/ok`).

/** One step of a program. */
export type Step =
  | { readonly op: 'exit'; readonly code: number }
  | { readonly op: 'status'; readonly code: number }
  | { readonly op: 'sleep'; readonly seconds: number }
  | { readonly op: 'print'; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  | { readonly op: 'forever'; readonly eatsMemory: boolean };

export interface Program {
  /** Steps with the separator after each: `;` runs the next whatever the status, `&&` only on 0. */
  readonly steps: readonly { readonly step: Step; readonly and: boolean }[];
  /** Exit code on SIGTERM, when a `trap 'exit N' TERM` is set; undefined: ignored (PID 1). */
  readonly onTerm: number | undefined;
}

/** Splits a shell word list, honouring single and double quotes (no escapes beyond `\"`). */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | undefined;
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && text[i + 1] === '"') { word += '"'; i++; }
      else word += ch;
    } else if (ch === '"' || ch === "'") { quote = ch; has = true; }
    else if (/\s/.test(ch)) {
      if (has || word !== '') words.push(word);
      word = '';
      has = false;
    } else word += ch;
  }
  if (has || word !== '') words.push(word);
  return words;
}

/** Splits SCRIPT at top-level `;`, `&&` and newlines (not inside quotes). */
function splitScript(script: string): { text: string; and: boolean }[] {
  const parts: { text: string; and: boolean }[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i] ?? '';
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      current += ch;
    } else if (ch === '"' || ch === "'") { quote = ch; current += ch; }
    else if (ch === ';' || ch === '\n') { parts.push({ text: current, and: false }); current = ''; }
    else if (ch === '&' && script[i + 1] === '&') { parts.push({ text: current, and: true }); current = ''; i++; }
    else current += ch;
  }
  parts.push({ text: current, and: false });
  return parts.filter((p) => p.text.trim() !== '');
}

function parseCount(word: string | undefined): number | undefined {
  if (word === undefined || !/^\d+(\.\d+)?$/.test(word)) return undefined;
  return Number(word);
}

/** One simple command; undefined for one the language does not know. */
function simple(argv: readonly string[]): Step | 'trap' | undefined {
  const [cmd = '', ...rest] = argv;
  const name = cmd.slice(cmd.lastIndexOf('/') + 1);
  switch (name) {
    case 'true': case ':': return { op: 'status', code: 0 };
    case 'false': return { op: 'status', code: 1 };
    case 'exit': return { op: 'exit', code: (parseCount(rest[0]) ?? 0) & 255 };
    case 'sleep': {
      if (rest[0] === 'infinity') return { op: 'forever', eatsMemory: false };
      const seconds = parseCount(rest[0]);
      return seconds === undefined ? undefined : { op: 'sleep', seconds };
    }
    case 'echo': {
      const toStderr = rest.at(-1) === '>&2' || rest.at(-1) === '1>&2';
      const words = toStderr ? rest.slice(0, -1) : rest;
      return { op: 'print', stream: toStderr ? 'stderr' : 'stdout', text: `${words.join(' ')}\n` };
    }
    case 'tail': case 'cat':
      return rest.includes('/dev/zero') ? { op: 'forever', eatsMemory: true } : undefined;
    case 'trap': return 'trap';
    default: return undefined;
  }
}

function trapCode(argv: readonly string[]): number | undefined {
  if (!argv.slice(2).some((s) => s === 'TERM' || s === 'SIGTERM' || s === '15')) return undefined;
  const action = splitWords(argv[1] ?? '');
  if (action[0] === 'exit') return (parseCount(action[1]) ?? 0) & 255;
  return 0;
}

/**
 * The program for a container's command + args (or an exec's cmd). `unknown` says what an
 * unrecognised command does: run until stopped (a container) or succeed silently (an exec).
 */
export function parseProgram(argv: readonly string[], unknown: 'forever' | 'succeed'): Program {
  const [first = '', second, script] = argv;
  const isShell = /(^|\/)(sh|bash|ash)$/.test(first) && second === '-c' && script !== undefined;
  const commands = isShell ? splitScript(script).map((p) => ({ argv: splitWords(p.text), and: p.and })) : [{ argv, and: false }];
  const steps: { step: Step; and: boolean }[] = [];
  let onTerm: number | undefined;
  if (argv.length === 0) return { steps: [{ step: { op: 'forever', eatsMemory: false }, and: false }], onTerm: 0 };
  for (const c of commands) {
    const step = simple(c.argv);
    if (step === 'trap') {
      onTerm = trapCode(c.argv) ?? onTerm;
      continue;
    }
    if (step === undefined) {
      if (unknown === 'forever') {
        steps.push({ step: { op: 'forever', eatsMemory: false }, and: false });
        break;
      }
      steps.push({ step: { op: 'status', code: 0 }, and: c.and });
      continue;
    }
    steps.push({ step, and: c.and });
    if (step.op === 'exit' || step.op === 'forever') break;
  }
  return { steps, onTerm };
}
