"use client";

import { CheckIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/ui/cn";

export const STEPS = ["columns", "values", "check", "run"] as const;
export type Step = (typeof STEPS)[number];

/** Where the user is in the four steps; earlier steps can be gone back to until the import starts. */
export function Stepper({ step, locked, onGo }: { step: Step; locked: boolean; onGo: (s: Step) => void }) {
  const t = useTranslations("imports.steps");
  const at = STEPS.indexOf(step);
  return (
    <ol className="mb-6 grid grid-cols-4 gap-2" data-testid="import-steps">
      {STEPS.map((s, i) => {
        const done = i < at;
        const clickable = done && !locked;
        return (
          <li key={s} className="min-w-0">
            <button
              type="button"
              disabled={!clickable}
              onClick={() => onGo(s)}
              aria-current={i === at ? "step" : undefined}
              className={cn(
                "flex w-full flex-col items-start gap-1.5 border-t-4 pt-2 text-left text-xs sm:text-sm",
                i <= at ? "border-primary" : "border-muted",
                clickable ? "cursor-pointer hover:text-primary" : "cursor-default",
              )}
            >
              <span className="flex items-center gap-1.5 font-medium">
                <span
                  className={cn(
                    "flex size-5 shrink-0 items-center justify-center rounded-full text-[11px]",
                    i < at
                      ? "bg-primary text-primary-foreground"
                      : i === at
                        ? "border-2 border-primary text-primary"
                        : "border text-muted-foreground",
                  )}
                >
                  {done ? <CheckIcon className="size-3" /> : i + 1}
                </span>
                <span className={cn("truncate", i > at && "text-muted-foreground")}>{t(`${s}.title`)}</span>
              </span>
              <span className="hidden text-xs text-muted-foreground md:block">{t(`${s}.hint`)}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
