// The messages of gnostic's openapi.v2 protobuf schema (github.com/google/gnostic-models,
// openapiv2/OpenAPIv2.proto) that a Kubernetes Swagger document uses, declared with the
// schema builders so that encodeMessage can write them. Field numbers are the .proto's.
// Protobuf oneofs are plain optional fields here: a value sets exactly one of them.
//
// Unknown JSON values travel as Any.yaml, the YAML text of the value (gnostic's compiler
// writes vendor extensions, defaults and enums that way).

import { boolean, double, int64, list, opt, string, struct, type Infer, type StructShape } from '../../api/schema/shape.ts';

export const Any = struct('openapi.v2.Any', {
  yaml: opt(2, string),
});

export const NamedAny = struct('openapi.v2.NamedAny', {
  name: opt(1, string),
  value: opt(2, Any),
});

const vendorExtension = (n: number) => opt(n, list(NamedAny));

export const TypeItem = struct('openapi.v2.TypeItem', { value: opt(1, list(string)) });
export const StringArray = struct('openapi.v2.StringArray', { value: opt(1, list(string)) });

export interface SchemaValue {
  _ref?: string;
  format?: string;
  title?: string;
  description?: string;
  default?: { yaml?: string };
  maximum?: number;
  minimum?: number;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  uniqueItems?: boolean;
  required?: string[];
  enum?: Array<{ yaml?: string }>;
  additionalProperties?: { schema?: SchemaValue; boolean?: boolean };
  type?: { value?: string[] };
  items?: { schema?: SchemaValue[] };
  allOf?: SchemaValue[];
  properties?: { additionalProperties?: Array<{ name?: string; value?: SchemaValue }> };
  readOnly?: boolean;
  vendorExtension?: Array<{ name?: string; value?: { yaml?: string } }>;
}

// Schema refers to itself (items, properties, allOf): its fields resolve lazily.
export const Schema: StructShape<SchemaValue> = struct('openapi.v2.Schema', {
  _ref: opt(1, string),
  format: opt(2, string),
  title: opt(3, string),
  description: opt(4, string),
  default: opt(5, Any),
  maximum: opt(7, double),
  minimum: opt(9, double),
  maxLength: opt(11, int64),
  minLength: opt(12, int64),
  pattern: opt(13, string),
  uniqueItems: opt(16, boolean),
  required: opt(19, list(string)),
  enum: opt(20, list(Any)),
  additionalProperties: opt(21, () => AdditionalPropertiesItem),
  type: opt(22, TypeItem),
  items: opt(23, () => ItemsItem),
  allOf: opt(24, () => list(Schema)),
  properties: opt(25, () => Properties),
  readOnly: opt(27, boolean),
  vendorExtension: vendorExtension(31),
}) as unknown as StructShape<SchemaValue>;

export const AdditionalPropertiesItem = struct('openapi.v2.AdditionalPropertiesItem', {
  schema: opt(1, () => Schema),
  boolean: opt(2, boolean),
});
export const ItemsItem = struct('openapi.v2.ItemsItem', { schema: opt(1, () => list(Schema)) });
export const NamedSchema = struct('openapi.v2.NamedSchema', { name: opt(1, string), value: opt(2, () => Schema) });
export const Properties = struct('openapi.v2.Properties', { additionalProperties: opt(1, list(NamedSchema)) });
export const Definitions = struct('openapi.v2.Definitions', { additionalProperties: opt(1, list(NamedSchema)) });

// The non-body parameter sub-schemas share their first fields' numbers.
const nonBodyFields = {
  required: opt(1, boolean),
  in: opt(2, string),
  description: opt(3, string),
  name: opt(4, string),
};
export const QueryParameterSubSchema = struct('openapi.v2.QueryParameterSubSchema', {
  ...nonBodyFields,
  allowEmptyValue: opt(5, boolean),
  type: opt(6, string),
  format: opt(7, string),
  uniqueItems: opt(20, boolean),
  vendorExtension: vendorExtension(23),
});
export const PathParameterSubSchema = struct('openapi.v2.PathParameterSubSchema', {
  ...nonBodyFields,
  type: opt(5, string),
  format: opt(6, string),
  uniqueItems: opt(19, boolean),
  vendorExtension: vendorExtension(22),
});
export const NonBodyParameter = struct('openapi.v2.NonBodyParameter', {
  queryParameterSubSchema: opt(3, QueryParameterSubSchema),
  pathParameterSubSchema: opt(4, PathParameterSubSchema),
});
export const BodyParameter = struct('openapi.v2.BodyParameter', {
  description: opt(1, string),
  name: opt(2, string),
  in: opt(3, string),
  required: opt(4, boolean),
  schema: opt(5, Schema),
  vendorExtension: vendorExtension(6),
});
export const Parameter = struct('openapi.v2.Parameter', {
  bodyParameter: opt(1, BodyParameter),
  nonBodyParameter: opt(2, NonBodyParameter),
});
export const ParametersItem = struct('openapi.v2.ParametersItem', { parameter: opt(1, Parameter) });

export const SchemaItem = struct('openapi.v2.SchemaItem', { schema: opt(1, Schema) });
export const Response = struct('openapi.v2.Response', {
  description: opt(1, string),
  schema: opt(2, SchemaItem),
  vendorExtension: vendorExtension(5),
});
export const ResponseValue = struct('openapi.v2.ResponseValue', { response: opt(1, Response) });
export const NamedResponseValue = struct('openapi.v2.NamedResponseValue', { name: opt(1, string), value: opt(2, ResponseValue) });
export const Responses = struct('openapi.v2.Responses', {
  responseCode: opt(1, list(NamedResponseValue)),
  vendorExtension: vendorExtension(2),
});

export const Operation = struct('openapi.v2.Operation', {
  tags: opt(1, list(string)),
  summary: opt(2, string),
  description: opt(3, string),
  operationId: opt(5, string),
  produces: opt(6, list(string)),
  consumes: opt(7, list(string)),
  parameters: opt(8, list(ParametersItem)),
  responses: opt(9, Responses),
  schemes: opt(10, list(string)),
  deprecated: opt(11, boolean),
  vendorExtension: vendorExtension(13),
});

export const PathItem = struct('openapi.v2.PathItem', {
  _ref: opt(1, string),
  get: opt(2, Operation),
  put: opt(3, Operation),
  post: opt(4, Operation),
  delete: opt(5, Operation),
  options: opt(6, Operation),
  head: opt(7, Operation),
  patch: opt(8, Operation),
  parameters: opt(9, list(ParametersItem)),
  vendorExtension: vendorExtension(10),
});
export const NamedPathItem = struct('openapi.v2.NamedPathItem', { name: opt(1, string), value: opt(2, PathItem) });
export const Paths = struct('openapi.v2.Paths', {
  vendorExtension: vendorExtension(1),
  path: opt(2, list(NamedPathItem)),
});

export const Info = struct('openapi.v2.Info', {
  title: opt(1, string),
  version: opt(2, string),
  description: opt(3, string),
  vendorExtension: vendorExtension(7),
});

export const ApiKeySecurity = struct('openapi.v2.ApiKeySecurity', {
  type: opt(1, string),
  name: opt(2, string),
  in: opt(3, string),
  description: opt(4, string),
  vendorExtension: vendorExtension(5),
});
export const SecurityDefinitionsItem = struct('openapi.v2.SecurityDefinitionsItem', { apiKeySecurity: opt(2, ApiKeySecurity) });
export const NamedSecurityDefinitionsItem = struct('openapi.v2.NamedSecurityDefinitionsItem', { name: opt(1, string), value: opt(2, SecurityDefinitionsItem) });
export const SecurityDefinitions = struct('openapi.v2.SecurityDefinitions', { additionalProperties: opt(1, list(NamedSecurityDefinitionsItem)) });
export const NamedStringArray = struct('openapi.v2.NamedStringArray', { name: opt(1, string), value: opt(2, StringArray) });
export const SecurityRequirement = struct('openapi.v2.SecurityRequirement', { additionalProperties: opt(1, list(NamedStringArray)) });

export const Document = struct('openapi.v2.Document', {
  swagger: opt(1, string),
  info: opt(2, Info),
  host: opt(3, string),
  basePath: opt(4, string),
  schemes: opt(5, list(string)),
  consumes: opt(6, list(string)),
  produces: opt(7, list(string)),
  paths: opt(8, Paths),
  definitions: opt(9, Definitions),
  security: opt(12, list(SecurityRequirement)),
  securityDefinitions: opt(13, SecurityDefinitions),
  vendorExtension: vendorExtension(16),
});
export type Document = Infer<typeof Document>;
