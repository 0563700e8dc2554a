// ProtoSchema: the messages, enums and services of one or more proto3 files, with codecs for
// the messages and descriptors of the methods a Channel calls. Type names resolve as protoc
// resolves them (innermost scope first; a leading dot is absolute). Field names are
// camelCased as @grpc/proto-loader's keepCase: false does.

import { readFile } from 'node:fs/promises';
import { MessageCodec, type CodecField, type EnumInfo } from './message-codec.ts';
import { parseProto, ProtoSyntaxError, type EnumDecl, type MessageDecl, type ProtoFile } from './proto-parser.ts';
import { Kind, packable, scalarKind } from './scalars.ts';

export interface SchemaOptions {
  /**
   * How 64-bit integers decode: 'number' (default; exact up to 2^53, as proto-loader's
   * `longs: Number`) or 'string' (decimal, always exact). Both are accepted when encoding.
   */
  readonly longs?: 'number' | 'string';
}

/** A method a Channel can call: its HTTP/2 path and the codecs of its messages. */
export interface MethodDescriptor<Req = Record<string, unknown>, Res = Record<string, unknown>> {
  /** `/package.Service/Method`. */
  readonly path: string;
  readonly requestCodec: MessageCodec<Req>;
  readonly responseCodec: MessageCodec<Res>;
  readonly clientStreaming: boolean;
  readonly serverStreaming: boolean;
}

/** protobufjs's camelCase: an underscore before a lowercase letter goes, the letter is raised. */
export function camelCase(name: string): string {
  return name.slice(0, 1) + name.slice(1).replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

interface TypeEntry {
  readonly decl: MessageDecl | EnumDecl;
  /** The full name of the scope its fields' type names resolve in (its own name). */
  readonly fullName: string;
}

export class ProtoSchema {
  readonly #types = new Map<string, TypeEntry>();
  readonly #services = new Map<string, ProtoFile['services'][number]>();
  readonly #codecs = new Map<string, MessageCodec>();
  readonly #enums = new Map<string, EnumInfo>();
  readonly #longsAsString: boolean;

  /** Parses the texts of one or more .proto files (throws ProtoSyntaxError). */
  static parse(texts: string | readonly string[], options: SchemaOptions = {}): ProtoSchema {
    return new ProtoSchema((typeof texts === 'string' ? [texts] : texts).map(parseProto), options);
  }

  /** Reads and parses .proto files. */
  static async load(paths: string | readonly string[], options: SchemaOptions = {}): Promise<ProtoSchema> {
    const list = typeof paths === 'string' ? [paths] : paths;
    const texts = await Promise.all(list.map((path) => readFile(path, 'utf8')));
    try {
      return ProtoSchema.parse(texts, options);
    } catch (e) {
      if (e instanceof ProtoSyntaxError && list.length === 1) throw new ProtoSyntaxError(`${list[0]}: ${e.message}`);
      throw e;
    }
  }

  private constructor(files: ProtoFile[], options: SchemaOptions) {
    this.#longsAsString = options.longs === 'string';
    for (const file of files) {
      const prefix = file.package === '' ? '' : `${file.package}.`;
      const add = (decl: MessageDecl | EnumDecl, scope: string): void => {
        const fullName = scope + decl.name;
        if (this.#types.has(fullName)) throw new ProtoSyntaxError(`${fullName} is declared twice`);
        this.#types.set(fullName, { decl, fullName });
        if (decl.kind === 'message') for (const nested of decl.nested) add(nested, `${fullName}.`);
      };
      for (const decl of file.types) add(decl, prefix);
      for (const service of file.services) this.#services.set(prefix + service.name, service);
    }
  }

  /** The codec of a message, by full name (`package.Message`, `package.Outer.Inner`). */
  message<T = Record<string, unknown>>(fullName: string): MessageCodec<T> {
    let codec = this.#codecs.get(fullName);
    if (codec === undefined) {
      const entry = this.#types.get(fullName);
      if (entry?.decl.kind !== 'message') throw new Error(`${fullName} is not a message in this schema`);
      const decl = entry.decl;
      codec = new MessageCodec(fullName, this.#longsAsString, () => this.#fields(decl, fullName));
      this.#codecs.set(fullName, codec);
    }
    return codec as MessageCodec<T>;
  }

  /** A method of a service, by the service's full name and the method's name as declared. */
  method<Req = Record<string, unknown>, Res = Record<string, unknown>>(service: string, name: string): MethodDescriptor<Req, Res> {
    const decl = this.#services.get(service)?.methods.find((m) => m.name === name);
    if (decl === undefined) throw new Error(`${service}/${name} is not a method in this schema`);
    const scope = service.slice(0, Math.max(0, service.lastIndexOf('.')));
    return {
      path: `/${service}/${name}`,
      requestCodec: this.message<Req>(this.#resolve(decl.requestType, scope, 'message')),
      responseCodec: this.message<Res>(this.#resolve(decl.responseType, scope, 'message')),
      clientStreaming: decl.clientStreaming,
      serverStreaming: decl.serverStreaming,
    };
  }

  #fields(decl: MessageDecl, fullName: string): CodecField[] {
    return decl.fields.map((f): CodecField => {
      const scalar = scalarKind(f.type);
      let kind = scalar;
      let message: MessageCodec | undefined;
      let enumInfo: EnumInfo | undefined;
      if (kind === undefined) {
        const target = this.#resolve(f.type, fullName, 'type');
        if (this.#types.get(target)?.decl.kind === 'enum') {
          kind = Kind.enum;
          enumInfo = this.#enum(target);
        } else {
          kind = Kind.message;
          message = this.message(target);
        }
      }
      let keyKind: CodecField['keyKind'] = Kind.string;
      if (f.keyType !== undefined) {
        const key = scalarKind(f.keyType);
        if (key === undefined || key === Kind.double || key === Kind.float || key === Kind.bytes) {
          throw new ProtoSyntaxError(`${fullName}.${f.name}: ${f.keyType} cannot be a map key`);
        }
        keyKind = key;
      }
      return {
        name: camelCase(f.name),
        number: f.number,
        kind,
        label: f.label,
        packed: f.label === 'repeated' && !f.unpacked && packable(kind),
        oneof: f.oneof === undefined ? undefined : camelCase(f.oneof),
        enumInfo,
        message,
        keyKind,
      };
    });
  }

  #enum(fullName: string): EnumInfo {
    let info = this.#enums.get(fullName);
    if (info === undefined) {
      const decl = this.#types.get(fullName)?.decl as EnumDecl;
      const names = new Map<number, string>();
      for (const v of decl.values) if (!names.has(v.number)) names.set(v.number, v.name);
      info = { fullName, names, numbers: new Map(decl.values.map((v) => [v.name, v.number])), first: decl.values[0]!.name };
      this.#enums.set(fullName, info);
    }
    return info;
  }

  /** The full name `name` refers to from inside `scope`, as protoc looks it up. */
  #resolve(name: string, scope: string, what: string): string {
    if (name.startsWith('.')) {
      if (this.#types.has(name.slice(1))) return name.slice(1);
    } else {
      for (let s = scope; ; s = s.slice(0, Math.max(0, s.lastIndexOf('.')))) {
        const candidate = s === '' ? name : `${s}.${name}`;
        if (this.#types.has(candidate)) return candidate;
        if (s === '') break;
      }
    }
    throw new ProtoSyntaxError(`${what} ${name} (used in ${scope || 'the top level'}) is not declared in this schema`);
  }
}
