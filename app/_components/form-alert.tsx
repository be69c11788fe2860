import { AlertCircleIcon } from "lucide-react";
import type { ReactNode } from "react";

export function FormAlert({ children }: { children: ReactNode }) {
  return (
    <div
      role="alert"
      data-testid="form-alert"
      className="flex gap-2 rounded-md border border-destructive/30 bg-destructive/8 p-3 text-sm text-destructive"
    >
      <AlertCircleIcon className="mt-0.5 size-4 shrink-0" />
      <div>{children}</div>
    </div>
  );
}
