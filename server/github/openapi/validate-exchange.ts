// Checks one request to GitHub and its answer against GitHub's published description (the checked-in
// extract): the operation must be one Fleetgate uses, and its parameters, bodies and headers must match
// GitHub's schemas. Answers the problems, each naming where it is; none means the exchange is faithful.
import type { GithubRestExtract } from "./extract-schema";
import { derefComponent } from "./load-extract";
import { matchOperation, type MatchedOperation } from "./match-operation";
import { githubSchemaSets } from "./schema-set";
import { isObject } from "./strip-documentation";

type TextValues = Record<string, string | string[] | undefined>;

export type GithubExchange = {
  method: string;
  /** The concrete path, e.g. `/repos/acme/x/pulls/3`; a query string on it is read as query. */
  path: string;
  query?: TextValues | URLSearchParams;
  requestBody?: unknown;
  status: number;
  responseHeaders?: TextValues | Headers;
  responseBody?: unknown;
};

/**
 * Answers GitHub gives to any operation, documented once for the whole API rather than per operation:
 * bad credentials (401), primary and secondary rate limits (403, 429), each with GitHub's basic error body;
 * and server errors, whose body has no documented shape (`null`: not checked).
 */
const ANY_OPERATION_ANSWERS: Record<number, unknown> = {
  401: { $ref: "#/components/schemas/basic-error" },
  403: { $ref: "#/components/schemas/basic-error" },
  429: { $ref: "#/components/schemas/basic-error" },
  500: null, 502: null, 503: null, 504: null,
};

export function validateExchange(exchange: GithubExchange): string[] {
  const { extract } = githubSchemaSets();
  const url = new URL(exchange.path, "http://github.invalid");
  const op = matchOperation(extract, exchange.method, url.pathname);
  if (!op) return [`${exchange.method.toUpperCase()} ${url.pathname} is not an operation Fleetgate uses`];
  const query = { ...textValues(url.searchParams), ...textValues(exchange.query) };
  return [...validateRequest(op, query, exchange.requestBody), ...validateResponse(op, exchange)];
}

function validateRequest(op: MatchedOperation, query: TextValues, body: unknown): string[] {
  const { extract, bodies, text } = githubSchemaSets();
  const name = `${op.method.toUpperCase()} ${op.template}`;
  const problems = [
    ...text.validate(`${name} path`, parameterSchema(op, "path"), op.pathParams, "request.path"),
    ...text.validate(`${name} query`, parameterSchema(op, "query"), query, "request.query"),
  ];
  const requestBody = op.operation.requestBody === undefined ? undefined : derefComponent(extract, op.operation.requestBody);
  const schema = jsonSchemaOf(requestBody);
  if (body === undefined) {
    if (requestBody?.required === true) problems.push(`request.body: is required by ${name}`);
  } else if (!requestBody) problems.push(`request.body: ${name} takes no body`);
  else if (schema !== undefined) problems.push(...bodies.validate(`${name} request`, schema, body, "request.body"));
  return problems;
}

function validateResponse(op: MatchedOperation, exchange: GithubExchange): string[] {
  const { extract, bodies, text } = githubSchemaSets();
  const name = `${op.method.toUpperCase()} ${op.template}`;
  const responses = isObject(op.operation.responses) ? op.operation.responses : {};
  const declared = responses[String(exchange.status)];
  if (declared === undefined) {
    if (!(exchange.status in ANY_OPERATION_ANSWERS))
      return [`response.status: GitHub's ${name} never answers ${exchange.status} (it answers ${Object.keys(responses).join(", ")})`];
    const schema = ANY_OPERATION_ANSWERS[exchange.status];
    return schema === null ? [] : bodies.validate(`any ${exchange.status}`, schema, exchange.responseBody, "response.body");
  }
  const answer = derefComponent(extract, declared);
  const problems = text.validate(`${name} ${exchange.status} headers`, headerSchema(extract, answer), textValues(exchange.responseHeaders, true), "response.headers");
  const schema = jsonSchemaOf(answer);
  const hasBody = exchange.responseBody !== undefined && exchange.responseBody !== "";
  if (!isObject(answer.content)) {
    // An answer described without content has no documented body (GitHub's 422 for DELETE .../git/refs/{ref}
    // still carries its usual error JSON); only 204 and 304 can carry none at all.
    if (hasBody && (exchange.status === 204 || exchange.status === 304)) problems.push(`response.body: an HTTP ${exchange.status} answer carries no body`);
  } else if (schema !== undefined) {
    if (!hasBody) problems.push(`response.body: is required (GitHub answers ${name} ${exchange.status} with JSON)`);
    else problems.push(...bodies.validate(`${name} ${exchange.status}`, schema, exchange.responseBody, "response.body"));
  }
  return problems;
}

function jsonSchemaOf(holder: Record<string, unknown> | undefined): unknown {
  const content = holder && isObject(holder.content) ? holder.content["application/json"] : undefined;
  return isObject(content) ? content.schema : undefined;
}

function parameterSchema(op: MatchedOperation, where: "path" | "query") {
  const params = op.parameters.filter((p) => p.in === where);
  return {
    type: "object",
    properties: Object.fromEntries(params.map((p) => [String(p.name), p.schema ?? {}])),
    required: params.filter((p) => p.required === true || where === "path").map((p) => String(p.name)),
    additionalProperties: false,
  };
}

function headerSchema(extract: GithubRestExtract, answer: Record<string, unknown>) {
  const headers = Object.entries(isObject(answer.headers) ? answer.headers : {}).map(([h, v]) => [h.toLowerCase(), derefComponent(extract, v)] as const);
  return {
    type: "object",
    properties: Object.fromEntries(headers.map(([h, v]) => [h, v.schema ?? {}])),
    required: headers.filter(([, v]) => v.required === true).map(([h]) => h),
  };
}

/** Query values repeat as arrays; header values repeat as one comma-joined line, as HTTP reads them. */
function textValues(values: TextValues | URLSearchParams | Headers | undefined, asHeaders = false): TextValues {
  const out: TextValues = {};
  if (!values) return out;
  const entries = values instanceof URLSearchParams || values instanceof Headers ? [...values.entries()] : Object.entries(values);
  for (const [k, v] of entries) {
    if (v === undefined) continue;
    const key = asHeaders ? k.toLowerCase() : k;
    const all = [...[out[key] ?? []].flat(), ...[v].flat()];
    out[key] = asHeaders ? all.join(", ") : all.length === 1 ? all[0] : all;
  }
  return out;
}
