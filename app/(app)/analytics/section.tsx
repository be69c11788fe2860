"use client";

import { DownloadIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { AppRouter } from "@/lib/server/api/root";
import type { inferRouterOutputs } from "@trpc/server";
import { Button } from "@/lib/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { cn } from "@/lib/ui/cn";
import { Help, type HelpTerm } from "./help";

export type DashboardData = inferRouterOutputs<AppRouter>["analytics"]["dashboard"];

/** A card of the dashboard: title, what it shows, its definition, its CSV. */
export function Section({
  title,
  hint,
  help,
  onCsv,
  actions,
  children,
  className,
  testId,
}: {
  title: string;
  hint?: string;
  help?: HelpTerm;
  onCsv?: () => void;
  /** Buttons beside the CSV download. */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  const t = useTranslations("analytics");
  return (
    <Card className={cn("break-inside-avoid print:shadow-none", className)} data-testid={testId}>
      <CardHeader className="flex-row items-start justify-between gap-3">
        <div className="min-w-0">
          <CardTitle className="flex items-center gap-1.5">
            {title}
            {help ? <Help term={help} label={title} /> : null}
          </CardTitle>
          {hint ? <CardDescription className="mt-1">{hint}</CardDescription> : null}
        </div>
        {onCsv || actions ? (
          <div className="flex shrink-0 flex-wrap justify-end gap-2">
            {actions}
            {onCsv ? (
              <Button variant="outline" size="sm" onClick={onCsv} className="shrink-0 print:hidden">
                <DownloadIcon />
                {t("exportCsv")}
              </Button>
            ) : null}
          </div>
        ) : null}
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/** A table header cell with its definition beside it. */
export function HeadWithHelp({ children, term }: { children: string; term: HelpTerm }) {
  return (
    <span className="inline-flex items-center gap-0.5 whitespace-nowrap">
      {children}
      <Help term={term} label={children} />
    </span>
  );
}
