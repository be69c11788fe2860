import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

/** The catalogue key (under "errors.") and values of a message the user will read. */
export class UserMessage extends Error {
  constructor(
    readonly key: string,
    readonly values: Record<string, string | number> = {},
    /** Structured detail the client shows as it sees fit (e.g. every unmet criterion). */
    readonly details?: Record<string, unknown>,
  ) {
    super(key);
    this.name = "UserMessage";
  }
}

/**
 * An error a user will see, translated into their language by the API's error
 * formatter: `throw appError("NOT_FOUND", "teamNotFound")`.
 */
export function appError(
  code: TRPC_ERROR_CODE_KEY,
  key: string,
  values?: Record<string, string | number>,
  details?: Record<string, unknown>,
) {
  return new TRPCError({ code, message: key, cause: new UserMessage(key, values, details) });
}
