"use client";

import {
  FlagIcon,
  GitForkIcon,
  ShieldCheckIcon,
  TrophyIcon,
  XCircleIcon,
  type LucideIcon,
} from "lucide-react";
import { useTranslations } from "next-intl";
import type { DragEvent } from "react";
import { cn } from "@/lib/ui/cn";
import { PALETTE_KINDS, type PaletteKind } from "./model";

export const DRAG_TYPE = "application/x-pipewright-node";

const ICONS: Record<PaletteKind, LucideIcon> = {
  stage: FlagIcon,
  decision: GitForkIcon,
  approval: ShieldCheckIcon,
  won: TrophyIcon,
  lost: XCircleIcon,
};
const TONES: Record<PaletteKind, string> = {
  stage: "bg-primary/10 text-primary",
  decision: "bg-[oklch(0.95_0.05_85)] text-[oklch(0.55_0.13_70)]",
  approval: "bg-[oklch(0.95_0.04_300)] text-[oklch(0.5_0.16_300)]",
  won: "bg-success/15 text-[oklch(0.42_0.12_155)]",
  lost: "bg-destructive/10 text-destructive",
};

/** Drag a kind of node onto the canvas, or click / press Enter to add it in the middle of the view. */
export function Palette({ onAdd, disabled }: { onAdd: (kind: PaletteKind) => void; disabled: boolean }) {
  const t = useTranslations("editor.palette");
  const onDragStart = (event: DragEvent, kind: PaletteKind) => {
    event.dataTransfer.setData(DRAG_TYPE, kind);
    event.dataTransfer.effectAllowed = "move";
  };
  return (
    <aside
      aria-label={t("title")}
      className="flex w-52 shrink-0 flex-col gap-1 overflow-y-auto border-r bg-card px-3 py-4"
    >
      <h2 className="px-1 pb-1 text-[11px] font-semibold uppercase tracking-wide text-muted-foreground">
        {t("title")}
      </h2>
      {PALETTE_KINDS.map((kind) => {
        const Icon = ICONS[kind];
        return (
          <button
            key={kind}
            type="button"
            draggable={!disabled}
            disabled={disabled}
            data-testid={`palette-${kind}`}
            onDragStart={(e) => onDragStart(e, kind)}
            onClick={() => onAdd(kind)}
            aria-label={t("add", { kind: t(`${kind}.name`) })}
            className={cn(
              "group flex cursor-grab items-center gap-2.5 rounded-lg border border-transparent px-2 py-2 text-left transition-colors hover:border-border hover:bg-muted/60 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring active:cursor-grabbing disabled:cursor-not-allowed disabled:opacity-50",
            )}
          >
            <span className={cn("flex size-8 shrink-0 items-center justify-center rounded-md", TONES[kind])}>
              <Icon className={cn("size-4", kind === "decision" && "rotate-90")} />
            </span>
            <span className="min-w-0">
              <span className="block text-sm font-medium leading-5">{t(`${kind}.name`)}</span>
              <span className="block truncate text-[11px] leading-4 text-muted-foreground">
                {t(`${kind}.hint`)}
              </span>
            </span>
          </button>
        );
      })}
      <p className="mt-3 px-1 text-[11px] leading-relaxed text-muted-foreground">{t("help")}</p>
    </aside>
  );
}
