"use client";

import { ArrowDownIcon, ArrowUpIcon, Columns3Icon, RotateCcwIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/lib/ui/button";
import { Checkbox } from "@/lib/ui/checkbox";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/lib/ui/dialog";
import { COLUMNS, DEFAULT_COLUMNS, FIXED_COLUMN, type ColumnId } from "./deal-views";

/**
 * Which columns the list shows and in what order: tick to show, arrows to move. Shown columns
 * come first in their order, then the hidden ones.
 */
export function ColumnChooser({
  columns,
  onChange,
}: {
  columns: ColumnId[];
  onChange: (next: ColumnId[]) => void;
}) {
  const t = useTranslations("deals");
  const tc = useTranslations("common");
  const hidden = COLUMNS.filter((c) => !columns.includes(c));
  const move = (id: ColumnId, by: -1 | 1) => {
    const i = columns.indexOf(id);
    const j = i + by;
    if (j < 1 || j >= columns.length) return;
    const next = [...columns];
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange(next);
  };
  const row = (id: ColumnId, shown: boolean) => {
    const i = columns.indexOf(id);
    const fixed = id === FIXED_COLUMN;
    return (
      <li
        key={id}
        className="flex items-center gap-2 rounded-sm px-2 py-1 hover:bg-muted/60"
        data-testid={`column-${id}`}
      >
        <Checkbox
          id={`column-toggle-${id}`}
          checked={shown}
          disabled={fixed}
          onCheckedChange={(v) => onChange(v ? [...columns, id] : columns.filter((c) => c !== id))}
        />
        <label htmlFor={`column-toggle-${id}`} className="flex-1 cursor-pointer text-sm">
          {t(`col.${id}`)}
        </label>
        {shown && !fixed ? (
          <span className="flex">
            <Button
              variant="ghost"
              size="icon"
              className="size-7"
              disabled={i <= 1}
              aria-label={t("columns.up", { column: t(`col.${id}`) })}
              onClick={() => move(id, -1)}
            >
              <ArrowUpIcon className="size-3.5" />
            </Button>
            <Button
              variant="ghost"
              size="icon"
              className="size-7"
              disabled={i === columns.length - 1}
              aria-label={t("columns.down", { column: t(`col.${id}`) })}
              onClick={() => move(id, 1)}
            >
              <ArrowDownIcon className="size-3.5" />
            </Button>
          </span>
        ) : null}
      </li>
    );
  };
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="outline" data-testid="column-chooser" aria-label={t("columns.button")}>
          <Columns3Icon />
          <span className="hidden sm:inline">{t("columns.button")}</span>
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={tc("close")} className="sm:max-w-sm" data-testid="column-dialog">
        <DialogHeader>
          <DialogTitle>{t("columns.title")}</DialogTitle>
          <DialogDescription>{t("columns.hint")}</DialogDescription>
        </DialogHeader>
        <div className="-mx-2 max-h-[60vh] overflow-y-auto">
          <p className="px-2 pb-1 text-xs font-medium text-muted-foreground">{t("columns.shown")}</p>
          <ul>{columns.map((c) => row(c, true))}</ul>
          {hidden.length ? (
            <>
              <p className="px-2 pt-3 pb-1 text-xs font-medium text-muted-foreground">
                {t("columns.hidden")}
              </p>
              <ul>{hidden.map((c) => row(c, false))}</ul>
            </>
          ) : null}
        </div>
        <DialogFooter>
          <Button variant="ghost" onClick={() => onChange(DEFAULT_COLUMNS)}>
            <RotateCcwIcon />
            {t("columns.reset")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
