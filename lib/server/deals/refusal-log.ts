import { TRPCError } from "@trpc/server";
import type { Db } from "@/lib/server/db/client";
import { actionRefusals } from "@/lib/server/db/schema";
import { UserMessage } from "@/lib/server/errors";
import { refusalCode } from "@/lib/analytics/refusal-codes";
import type { Refusal } from "@/workflows/runtime";

/** The reasons of an engine refusal (commitStep's "actionRefused"), or null for any other error. */
export function refusalReasons(error: unknown): Refusal[] | null {
  if (!(error instanceof TRPCError) || !(error.cause instanceof UserMessage)) return null;
  if (error.cause.key !== "actionRefused") return null;
  const reasons = error.cause.details?.reasons;
  return Array.isArray(reasons) ? (reasons as Refusal[]) : null;
}

export type RefusedAttempt = {
  companyId: string;
  dealId: string;
  pipelineId: string;
  pipelineVersionId: string;
  stage: string;
  action: string;
  /** The member who tried, or null with `apiKeyId`. */
  actorId: string | null;
  apiKeyId: string | null;
  reasons: Refusal[];
  at: Date;
};

/**
 * Keeps a refused attempt (docs/analytics.md, Adoption). Called after the refused transaction
 * rolled back, on its own connection, so the row stays; a failure to write it is reported and
 * swallowed, so the member still reads why the engine refused, never a logging error.
 */
export async function logRefusal(db: Db, attempt: RefusedAttempt) {
  try {
    await db.insert(actionRefusals).values({
      ...attempt,
      reasonCodes: [...new Set(attempt.reasons.map(refusalCode))],
    });
  } catch (e) {
    console.error("[pipewright] could not log a refused action", e);
  }
}
