"use client";

import { ActivityIcon, BarChart3Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/ui/cn";
import { TABS, type Tab } from "./url-state";

const ICONS = { overview: BarChart3Icon, adoption: ActivityIcon } as const;

/** The dashboard's tabs: the sales figures, and adoption of the process. Kept in the URL. */
export function AnalyticsTabs({ tab, onChange }: { tab: Tab; onChange: (tab: Tab) => void }) {
  const t = useTranslations("analytics");
  return (
    <div
      role="tablist"
      aria-label={t("tabs.label")}
      className="flex w-full gap-1 overflow-x-auto border-b print:hidden"
    >
      {TABS.map((key) => {
        const Icon = ICONS[key];
        const selected = key === tab;
        return (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={selected}
            data-testid={`tab-${key}`}
            onClick={() => !selected && onChange(key)}
            className={cn(
              "-mb-px inline-flex shrink-0 items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              selected
                ? "border-primary text-foreground"
                : "border-transparent text-muted-foreground hover:text-foreground",
            )}
          >
            <Icon className="size-4" aria-hidden />
            {t(`tabs.${key}`)}
          </button>
        );
      })}
    </div>
  );
}
