import { TRPCClientError } from "@trpc/client";
import type { inferRouterOutputs } from "@trpc/server";
import { localized } from "@/lib/i18n/localized";
import type { AppRouter } from "@/lib/server/api/root";
import { fromDraft, type DraftValue } from "./[id]/field-input";
import type { FieldDef, FieldValue } from "./[id]/types";

/** One pipeline a deal can be created in, as `pipelines.newDealForms` returns it. */
export type NewDealForm = inferRouterOutputs<AppRouter>["pipelines"]["newDealForms"][number];

/** Fields most deals get at creation; shown up front when the pipeline has them. */
const COMMON = ["contact", "amount", "expectedClose", "industry", "region", "source"];

/** The pipeline's fields in the form's three groups: required, common, and the rest behind a disclosure. */
export function groupFields(fields: readonly FieldDef[]) {
  const required = fields.filter((f) => f.requiredAtCreation);
  const common = COMMON.map((k) => fields.find((f) => f.key === k && !f.requiredAtCreation)).filter(
    (f): f is FieldDef => Boolean(f),
  );
  const shown = new Set([...required, ...common].map((f) => f.key));
  return { required, common, more: fields.filter((f) => !shown.has(f.key)) };
}

/** The values to send, or the fields to correct first (empty required ones, numbers that do not parse). */
export function collectValues(
  fields: readonly FieldDef[],
  drafts: Record<string, DraftValue>,
  messages: { required: string; notANumber: string },
): { values: Record<string, FieldValue> } | { errors: Record<string, string> } {
  const values: Record<string, FieldValue> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = fromDraft(field, drafts[field.key]);
    if (typeof value === "number" && !Number.isFinite(value)) errors[field.key] = messages.notANumber;
    else if (value !== null) values[field.key] = value;
    else if (field.requiredAtCreation) errors[field.key] = messages.required;
  }
  return Object.keys(errors).length ? { errors } : { values };
}

type ErrorData = {
  code?: string;
  fieldErrors?: Record<string, string[]>;
  details?: {
    missingFields?: string[];
    issues?: { field: string; message: { zh: string; en: string } }[];
  };
};

/** A failed `deals.create` as the form shows it: the message, and each reason beside its field. */
export function createFailure(
  error: unknown,
  locale: string,
  required: string,
): { message: string; fields: Record<string, string> } {
  const message = error instanceof Error ? error.message : String(error);
  const fields: Record<string, string> = {};
  if (!(error instanceof TRPCClientError)) return { message, fields };
  const data = (error.data ?? {}) as ErrorData;
  for (const key of data.details?.missingFields ?? []) fields[key] = required;
  for (const issue of data.details?.issues ?? []) fields[issue.field] = localized(issue.message, locale);
  for (const [path, list] of Object.entries(data.fieldErrors ?? {})) {
    const key = path.startsWith("values.") ? path.slice("values.".length) : null;
    if (key && list[0]) fields[key] ??= message;
  }
  return { message, fields };
}
