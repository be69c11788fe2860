import { z } from "zod";
import { createDocument } from "zod-openapi";
import type { Operation } from "./http";
import { RATE_LIMIT, RATE_WINDOW_SECONDS } from "./keys";
import { OPERATIONS } from "./operations";
import { Problem } from "./schemas";

const STATUS_TEXT: Record<number, string> = {
  400: "The request is not valid (bad JSON, a parameter or a field value)",
  401: "No key, an unknown key or a revoked key",
  403: "The key may not do this (a read-only key writing, or a closed deal)",
  404: "No such resource in the key's company",
  409: "The deal changed since the version you sent (If-Match), or the same Idempotency-Key is still running",
  422: "Refused: every unmet criterion or missing field is listed in `errors`; or an Idempotency-Key reused with another request",
  428: "If-Match with the deal's version is required",
  429: "Too many requests: wait Retry-After seconds",
  500: "Something went wrong on our side",
};

const problemResponse = (status: number) => ({
  description: STATUS_TEXT[status] ?? "Error",
  content: { "application/problem+json": { schema: Problem } },
});

const rateHeaders = z.object({
  "RateLimit-Limit": z.string().meta({ description: `Requests allowed per window (${RATE_LIMIT}).` }),
  "RateLimit-Remaining": z.string().meta({ description: "Requests left in the current window." }),
  "RateLimit-Reset": z.string().meta({ description: "Seconds until the window resets." }),
});

function operationObject(op: Operation) {
  const header = op.headers?.length
    ? z.object(
        Object.fromEntries(
          op.headers.map((h) => {
            const s = z
              .string()
              .meta({ description: h.description, "x-description-zh": h.descriptionZh, example: h.example });
            return [h.name, h.required ? s : s.optional()];
          }),
        ),
      )
    : undefined;
  const statuses = [...new Set([...op.errors, 401, ...(op.scope === "write" ? [403] : []), 429, 500])].sort();
  return {
    operationId: op.id,
    summary: op.summary.en,
    description: `${op.description.en}\n\n${op.description.zh}`,
    tags: [op.path.startsWith("/pipelines") ? "Pipelines" : "Deals"],
    "x-scope": op.scope,
    requestParams: {
      ...(op.params ? { path: op.params } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(header ? { header } : {}),
    },
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: op.body,
                ...(op.example?.body ? { example: op.example.body } : {}),
              },
            },
          },
        }
      : {}),
    responses: {
      [String(op.success.status)]: {
        description: op.success.description,
        headers: rateHeaders,
        content: { "application/json": { schema: op.success.schema } },
      },
      ...Object.fromEntries(statuses.map((s) => [String(s), problemResponse(s)])),
    },
  };
}

let cached: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 document of /api/v1, built from the operations' zod schemas (once per process). */
export function openApiDocument() {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {
    "/openapi.json": {
      get: {
        operationId: "getOpenApi",
        summary: "This document",
        description: "The OpenAPI 3.1 document of the API. No key needed.",
        tags: ["Meta"],
        security: [],
        responses: {
          "200": {
            description: "The document",
            content: { "application/json": { schema: z.looseObject({}) } },
          },
        },
      },
    },
  };
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op);
  cached = createDocument({
    openapi: "3.1.0",
    info: {
      title: "Pipewright API",
      version: "1.0.0",
      description:
        "Deals and pipelines of one company, acted on through the same rules as in the app. " +
        `Authenticate with \`Authorization: Bearer pw_…\` (Settings → API keys). ${RATE_LIMIT} requests per ` +
        `${RATE_WINDOW_SECONDS} s per key. Errors are RFC 9457 problem details in the language of Accept-Language (zh-CN or en).`,
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An API key: `pw_<prefix>_<secret>`, created by an admin in Settings → API keys.",
        },
      },
    },
    tags: [
      { name: "Pipelines", description: "Sales processes and their published versions" },
      { name: "Deals", description: "Deals, their actions and their history" },
      { name: "Meta" },
    ],
    paths: paths as Parameters<typeof createDocument>[0]["paths"],
  });
  return cached;
}
