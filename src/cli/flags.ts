// Command-line flags in the style of the upstream components: `--name value`, `--name=value`,
// and boolean flags that take no value (`--disable-agent`, or `--disable-agent=false`).

export interface FlagSpec {
  readonly name: string;
  readonly help: string;
  /** Boolean flags take no value; others do. */
  readonly boolean?: boolean;
  readonly default?: string;
}

export interface ParsedFlags {
  readonly values: ReadonlyMap<string, string>;
  readonly args: readonly string[];
}

export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const values = new Map<string, string>();
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      args.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = byName.get(name);
    if (spec === undefined) throw new FlagError(`unknown flag: --${name}`);
    let value: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1);
    if (spec.boolean === true) {
      value ??= 'true';
      if (value !== 'true' && value !== 'false') throw new FlagError(`--${name} takes true or false, not "${value}"`);
    } else if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new FlagError(`flag needs an argument: --${name}`);
    }
    values.set(name, value);
  }
  for (const spec of specs) if (!values.has(spec.name) && spec.default !== undefined) values.set(spec.name, spec.default);
  return { values, args };
}

export function usage(command: string, summary: string, specs: readonly FlagSpec[]): string {
  const lines = specs.map((spec) => {
    const left = `  --${spec.name}${spec.boolean === true ? '' : ' VALUE'}`;
    const def = spec.default === undefined ? '' : ` (default ${spec.default})`;
    return `${left.padEnd(34)} ${spec.help}${def}`;
  });
  return [`Usage: k8ts ${command} [flags]`, '', summary, '', 'Flags:', ...lines, ''].join('\n');
}

/** Reads a whole-number flag, with a clear error for anything else. */
export function intFlag(flags: ParsedFlags, name: string): number | undefined {
  const raw = flags.values.get(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0 || raw.trim() === '') throw new FlagError(`--${name} takes a whole number, not "${raw}"`);
  return value;
}
