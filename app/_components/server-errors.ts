"use client";

import { TRPCClientError } from "@trpc/client";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";

/**
 * Puts a failed mutation's field errors (catalogue keys) on the form's fields and
 * returns the translated message for the form's alert.
 */
export function applyServerErrors<T extends FieldValues>(form: UseFormReturn<T>, error: unknown): string {
  if (error instanceof TRPCClientError) {
    const fieldErrors = (error.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
    for (const [path, messages] of Object.entries(fieldErrors ?? {})) {
      if (path !== "_" && messages[0]) form.setError(path as Path<T>, { message: messages[0] });
    }
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
