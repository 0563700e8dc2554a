// A parser for the proto3 subset our .proto files use: syntax, package, import (ignored:
// every type a file uses must be in it), option (ignored but for a field's `packed`),
// message with nested messages and enums, enum, scalar/message/enum fields, `repeated`,
// `optional`, `map<K,V>`, `oneof`, `reserved`, and service/rpc with `stream`. proto2
// (`required`, groups, extensions) is refused with the line it is on.
//
// The result is the file's declarations with type names as written; ProtoSchema resolves them.

/** A .proto file that does not parse, with the line and column where it went wrong. */
export class ProtoSyntaxError extends Error {
  override readonly name = 'ProtoSyntaxError';
}

export interface FieldDecl {
  readonly name: string;
  readonly number: number;
  /** The type as written: a scalar name, or a (possibly qualified) message or enum name. */
  readonly type: string;
  readonly label: 'singular' | 'optional' | 'repeated' | 'map';
  /** For map fields: the key's scalar type (the value is `type`). */
  readonly keyType?: string;
  /** The oneof this field belongs to. */
  readonly oneof?: string;
  /** `[packed = false]` given. */
  readonly unpacked: boolean;
}

export interface MessageDecl {
  readonly kind: 'message';
  readonly name: string;
  readonly fields: FieldDecl[];
  readonly oneofs: string[];
  readonly nested: (MessageDecl | EnumDecl)[];
}

export interface EnumDecl {
  readonly kind: 'enum';
  readonly name: string;
  readonly values: { readonly name: string; readonly number: number }[];
}

export interface RpcDecl {
  readonly name: string;
  readonly requestType: string;
  readonly responseType: string;
  readonly clientStreaming: boolean;
  readonly serverStreaming: boolean;
}

export interface ServiceDecl {
  readonly name: string;
  readonly methods: RpcDecl[];
}

export interface ProtoFile {
  readonly package: string;
  readonly types: (MessageDecl | EnumDecl)[];
  readonly services: ServiceDecl[];
}

const TOKEN = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|([A-Za-z_][\w.]*|\.[A-Za-z_][\w.]*)|(-?(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?))|([{}()[\]<>;=,:-])|(.)/y;

interface Token { readonly text: string; readonly line: number; readonly col: number }

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const at = m.index;
    const col = at - lineStart + 1;
    if (m[5] !== undefined) throw new ProtoSyntaxError(`line ${line}, column ${col}: unexpected character ${JSON.stringify(m[5])}`);
    const token = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (token !== undefined) tokens.push({ text: token, line, col });
    for (let i = m[0].indexOf('\n'); i !== -1; i = m[0].indexOf('\n', i + 1)) {
      line++;
      lineStart = at + i + 1;
    }
  }
  return tokens;
}

const IDENT = /^\.?[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*$/;
const MAX_FIELD_NUMBER = 536_870_911;

class Parser {
  readonly #tokens: Token[];
  #at = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  get done(): boolean {
    return this.#at >= this.#tokens.length;
  }

  fail(message: string): never {
    const token = this.#tokens[Math.min(this.#at, this.#tokens.length - 1)];
    const where = token === undefined ? 'end of file' : `line ${token.line}, column ${token.col}`;
    throw new ProtoSyntaxError(`${where}: ${message}`);
  }

  peek(): string | undefined {
    return this.#tokens[this.#at]?.text;
  }

  next(): string {
    const token = this.#tokens[this.#at];
    if (token === undefined) this.fail('unexpected end of file');
    this.#at++;
    return token.text;
  }

  accept(text: string): boolean {
    if (this.peek() !== text) return false;
    this.#at++;
    return true;
  }

  expect(text: string): void {
    if (!this.accept(text)) this.fail(`expected "${text}", found ${JSON.stringify(this.peek() ?? 'end of file')}`);
  }

  ident(what: string): string {
    const text = this.next();
    if (!IDENT.test(text)) {
      this.#at--;
      this.fail(`expected ${what}, found ${JSON.stringify(text)}`);
    }
    return text;
  }

  integer(what: string): number {
    const text = this.next();
    const n = Number(text);
    if (!Number.isSafeInteger(n)) {
      this.#at--;
      this.fail(`expected ${what} (an integer), found ${JSON.stringify(text)}`);
    }
    return n;
  }

  /** Skips to the end of the statement (`;`), stepping over balanced brackets (option values). */
  skipStatement(): void {
    let depth = 0;
    for (;;) {
      const text = this.next();
      if (text === '{' || text === '[' || text === '(') depth++;
      else if (text === '}' || text === ']' || text === ')') depth--;
      else if (text === ';' && depth === 0) return;
    }
  }
}

/** Parses one .proto file. */
export function parseProto(text: string): ProtoFile {
  const p = new Parser(tokenize(text));
  let pkg = '';
  const types: (MessageDecl | EnumDecl)[] = [];
  const services: ServiceDecl[] = [];
  while (!p.done) {
    const word = p.next();
    switch (word) {
      case 'syntax': {
        p.expect('=');
        const syntax = p.next();
        if (syntax !== '"proto3"' && syntax !== "'proto3'") p.fail(`only proto3 is supported, not ${syntax}`);
        p.expect(';');
        break;
      }
      case 'package':
        pkg = p.ident('a package name');
        p.expect(';');
        break;
      case 'import':
      case 'option':
        p.skipStatement();
        break;
      case 'message':
        types.push(parseMessage(p));
        break;
      case 'enum':
        types.push(parseEnum(p));
        break;
      case 'service':
        services.push(parseService(p));
        break;
      case ';':
        break;
      default:
        p.fail(`unexpected ${JSON.stringify(word)} at the top level`);
    }
  }
  return { package: pkg, types, services };
}

function parseMessage(p: Parser): MessageDecl {
  const message: MessageDecl = { kind: 'message', name: p.ident('a message name'), fields: [], oneofs: [], nested: [] };
  p.expect('{');
  while (!p.accept('}')) parseMember(p, message, undefined);
  return message;
}

function parseMember(p: Parser, message: MessageDecl, oneof: string | undefined): void {
  const word = p.peek();
  if (word === ';') {
    p.next();
    return;
  }
  if (oneof === undefined) {
    switch (word) {
      case 'message':
        p.next();
        message.nested.push(parseMessage(p));
        return;
      case 'enum':
        p.next();
        message.nested.push(parseEnum(p));
        return;
      case 'oneof': {
        p.next();
        const name = p.ident('a oneof name');
        message.oneofs.push(name);
        p.expect('{');
        while (!p.accept('}')) parseMember(p, message, name);
        return;
      }
      case 'reserved':
      case 'option':
        p.next();
        p.skipStatement();
        return;
      case 'required':
      case 'group':
      case 'extend':
      case 'extensions':
        p.fail(`"${word}" is proto2, which is not supported`);
    }
  } else if (word === 'option') {
    p.next();
    p.skipStatement();
    return;
  }
  message.fields.push(parseField(p, oneof));
}

function parseField(p: Parser, oneof: string | undefined): FieldDecl {
  let label: FieldDecl['label'] = 'singular';
  let keyType: string | undefined;
  let type: string;
  if (oneof === undefined && p.accept('repeated')) label = 'repeated';
  else if (oneof === undefined && p.accept('optional')) label = 'optional';
  if (p.accept('map')) {
    if (label !== 'singular') p.fail('a map field cannot be repeated or optional');
    label = 'map';
    p.expect('<');
    keyType = p.ident('a map key type');
    p.expect(',');
    type = p.ident('a map value type');
    p.expect('>');
  } else {
    type = p.ident('a field type');
  }
  const name = p.ident('a field name');
  p.expect('=');
  const number = p.integer('a field number');
  if (number < 1 || number > MAX_FIELD_NUMBER) p.fail(`field number ${number} of ${name} is out of range`);
  let unpacked = false;
  if (p.accept('[')) {
    // Options, custom ones ((pkg.opt) = "x") included: only `packed` matters here.
    for (let depth = 0, previous = ''; ;) {
      const text = p.next();
      if (text === ']' && depth === 0) break;
      if (text === '[' || text === '(' || text === '{') depth++;
      else if (text === ']' || text === ')' || text === '}') depth--;
      if (previous === 'packed' && text === '=') unpacked = p.peek() === 'false';
      previous = text;
    }
  }
  p.expect(';');
  return { name, number, type, label, unpacked, ...(keyType === undefined ? {} : { keyType }), ...(oneof === undefined ? {} : { oneof }) };
}

function parseEnum(p: Parser): EnumDecl {
  const decl: EnumDecl = { kind: 'enum', name: p.ident('an enum name'), values: [] };
  p.expect('{');
  while (!p.accept('}')) {
    if (p.accept(';')) continue;
    if (p.accept('option') || p.accept('reserved')) {
      p.skipStatement();
      continue;
    }
    const name = p.ident('an enum value name');
    p.expect('=');
    const number = p.integer('an enum value');
    if (p.accept('[')) {
      while (!p.accept(']')) p.next();
    }
    p.expect(';');
    decl.values.push({ name, number });
  }
  if (decl.values[0]?.number !== 0) p.fail(`the first value of enum ${decl.name} must be 0 in proto3`);
  return decl;
}

function parseService(p: Parser): ServiceDecl {
  const service: ServiceDecl = { name: p.ident('a service name'), methods: [] };
  p.expect('{');
  while (!p.accept('}')) {
    if (p.accept(';')) continue;
    if (p.accept('option')) {
      p.skipStatement();
      continue;
    }
    p.expect('rpc');
    const name = p.ident('an rpc name');
    p.expect('(');
    const clientStreaming = p.accept('stream');
    const requestType = p.ident('a request type');
    p.expect(')');
    p.expect('returns');
    p.expect('(');
    const serverStreaming = p.accept('stream');
    const responseType = p.ident('a response type');
    p.expect(')');
    if (p.accept('{')) {
      while (!p.accept('}')) {
        if (p.accept(';')) continue;
        p.expect('option');
        p.skipStatement();
      }
    } else {
      p.expect(';');
    }
    service.methods.push({ name, requestType, responseType, clientStreaming, serverStreaming });
  }
  return service;
}
