"use client";

import { ArrowDownIcon, ArrowUpIcon } from "lucide-react";
import { Button } from "./button";
import { cn } from "./cn";

/**
 * Up and down buttons that move item `index` of a list of `count` to `to` — the keyboard's
 * way to reorder (drag and drop is not reachable without a pointer). Labels come localized.
 */
export function MoveButtons({
  index,
  count,
  onMove,
  upLabel,
  downLabel,
  className = "size-7",
}: {
  index: number;
  count: number;
  onMove: (to: number) => void;
  upLabel: string;
  downLabel: string;
  className?: string;
}) {
  return (
    <>
      <Button
        type="button"
        variant="ghost"
        size="icon"
        className={cn(className)}
        aria-label={upLabel}
        disabled={index === 0}
        onClick={() => onMove(index - 1)}
      >
        <ArrowUpIcon aria-hidden />
      </Button>
      <Button
        type="button"
        variant="ghost"
        size="icon"
        className={cn(className)}
        aria-label={downLabel}
        disabled={index === count - 1}
        onClick={() => onMove(index + 1)}
      >
        <ArrowDownIcon aria-hidden />
      </Button>
    </>
  );
}
