import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { ZodError } from "zod";
import { translator } from "@/lib/i18n/translate";
import type { Locale } from "@/lib/i18n/config";
import { UserMessage } from "@/lib/server/errors";

/** RFC 9457 problem details as the API answers them (application/problem+json). */
export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Array<Record<string, unknown> & { message: string }>;
  [extension: string]: unknown;
};

export const PROBLEM_TYPE = (slug: string) => `/developers#problem-${slug}`;

/** The slug of each status's problem type (the reference page has a section per slug). */
const SLUGS: Record<number, string> = {
  400: "invalid-request",
  401: "unauthorized",
  403: "forbidden",
  404: "not-found",
  405: "method-not-allowed",
  409: "conflict",
  412: "precondition-failed",
  415: "unsupported-media-type",
  422: "unprocessable",
  428: "precondition-required",
  429: "rate-limited",
  500: "internal",
};

const TRPC_CODE_OF_STATUS: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_SUPPORTED",
  409: "CONFLICT",
  412: "PRECONDITION_FAILED",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "UNPROCESSABLE_CONTENT",
  428: "PRECONDITION_REQUIRED",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
};

/** A problem of `status` whose detail is the catalogue message `errors.<key>` in the caller's language. */
export function problem(
  locale: Locale,
  status: number,
  key: string | null,
  options: {
    values?: Record<string, string | number>;
    errors?: ProblemBody["errors"];
    slug?: string;
    extra?: Record<string, unknown>;
  } = {},
): ProblemBody {
  const tr = translator(locale);
  const code = TRPC_CODE_OF_STATUS[status] ?? "INTERNAL_SERVER_ERROR";
  // The app's 401 says "please sign in"; a program is told about its key instead.
  const title = status === 401 ? tr("errors.api.unauthorizedTitle") : tr(`errors.code.${code}` as never);
  return {
    type: PROBLEM_TYPE(options.slug ?? SLUGS[status] ?? "internal"),
    title,
    status,
    detail: key ? tr(`errors.${key}` as never, (options.values ?? {}) as never) : title,
    ...(options.errors ? { errors: options.errors } : {}),
    ...options.extra,
  };
}

type LocalizedMessage = { zh: string; en: string };
type RefusalLike = {
  kind: string;
  field?: string;
  item?: string;
  message: LocalizedMessage;
  unmet?: LocalizedMessage[];
};

/** The engine's refusals (missing fields, unticked checklist items, unmet criteria) in one language. */
export function reasonsIn(locale: Locale, reasons: RefusalLike[]) {
  const pick = (m: LocalizedMessage) => (locale === "en" ? m.en : m.zh);
  return reasons.map((r) => ({
    kind: r.kind,
    ...(r.field ? { field: r.field } : {}),
    ...(r.item ? { item: r.item } : {}),
    message: pick(r.message),
    ...(r.unmet ? { unmet: r.unmet.map(pick) } : {}),
  }));
}

/** Zod issues as problem `errors`, each with a JSON pointer to the value at fault. */
export function zodErrors(error: ZodError, where: "body" | "query" | "path" | "header") {
  return error.issues.map((issue) => ({
    pointer: where === "body" ? `#/${issue.path.join("/")}` : undefined,
    parameter: where === "body" ? undefined : String(issue.path[0] ?? ""),
    message: issue.message,
  }));
}

/** Any error a domain function threw, as a problem. Unexpected ones are logged and say only "internal". */
export function problemFromError(locale: Locale, error: unknown): ProblemBody {
  if (error instanceof TRPCError) {
    const status = getHTTPStatusCodeFromError(error);
    const cause = error.cause instanceof UserMessage ? error.cause : null;
    if (status >= 500 || !cause) {
      if (status >= 500) console.error("api/v1 failed:", error.cause ?? error);
      return problem(locale, status >= 500 ? 500 : status, status >= 500 ? "internal" : null);
    }
    const details = (cause.details ?? {}) as Record<string, unknown>;
    const options: Parameters<typeof problem>[3] = { values: cause.values };
    if (cause.key === "actionRefused" && Array.isArray(details.reasons)) {
      options.errors = reasonsIn(locale, details.reasons as RefusalLike[]);
      options.slug = "action-refused";
    } else if (cause.key === "invalidValues" && Array.isArray(details.issues)) {
      options.errors = (details.issues as Array<{ field: string; message: LocalizedMessage }>).map((i) => ({
        pointer: `#/values/${i.field}`,
        field: i.field,
        message: locale === "en" ? i.message.en : i.message.zh,
      }));
      options.slug = "invalid-values";
    } else if (cause.key === "fieldsRequired" && Array.isArray(details.missingFields)) {
      options.errors = (details.missingFields as string[]).map((f) => ({
        pointer: `#/values/${f}`,
        message: translator(locale)("errors.api.fieldRequired", { field: f }),
      }));
    } else if (cause.key === "dealChanged") {
      options.slug = "stale-version";
      options.extra = { currentVersion: details.version };
    }
    return problem(locale, status, cause.key, options);
  }
  console.error("api/v1 failed:", error);
  return problem(locale, 500, "internal");
}
