"use client";

import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
} from "@dnd-kit/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { Loader2Icon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { localized } from "@/lib/i18n/localized";
import { useTRPC } from "@/lib/trpc/client";
import { Card } from "@/lib/ui/card";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { BoardCard, CardBody } from "./board-card";
import { BoardColumn } from "./board-column";
import { BoardActionDialog } from "./board-dialog";
import type { BoardCardData, BoardColumnData, BoardData } from "./types";
import { useBoardMove } from "./use-board-move";

/** The pointer decides where a mouse or finger drops; the card's box where the keyboard does. */
const collision: CollisionDetection = (args) => {
  if (args.pointerCoordinates) {
    const hits = pointerWithin(args);
    if (hits.length) return hits;
  }
  return rectIntersection(args);
};

/** Left and right arrows take the picked-up card to the previous or next column. */
const columnCoordinates: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  const step = event.code === "ArrowRight" ? 1 : event.code === "ArrowLeft" ? -1 : 0;
  if (!step) {
    if (event.code === "ArrowDown") return { ...currentCoordinates, y: currentCoordinates.y + 40 };
    if (event.code === "ArrowUp") return { ...currentCoordinates, y: currentCoordinates.y - 40 };
    return undefined;
  }
  const rects = [...context.droppableRects.entries()]
    .map(([id, rect]) => ({ id, rect }))
    .sort((a, b) => a.rect.left - b.rect.left);
  if (!rects.length || !context.collisionRect) return undefined;
  const centre = context.collisionRect.left + context.collisionRect.width / 2;
  const current = context.over?.id ?? rects.find((r) => centre >= r.rect.left && centre <= r.rect.right)?.id;
  const index = rects.findIndex((r) => r.id === current);
  const next = rects[Math.min(rects.length - 1, Math.max(0, (index < 0 ? 0 : index) + step))];
  if (!next) return undefined;
  return {
    x: next.rect.left + (next.rect.width - context.collisionRect.width) / 2,
    y: Math.max(next.rect.top + 8, currentCoordinates.y),
  };
};

/** Cards a column shows at first, and how many more each "show more" adds (the server sends no more). */
export const BOARD_PAGE = 25;

/**
 * The deals of a pipeline (the one in the URL, else the company's default) by stage; a card
 * dragged to a column runs the action that leads there. Long columns render their first cards
 * and more on demand, so a board of thousands of deals stays quick.
 */
export function BoardView({
  pipelineId,
  versionId,
  initial,
}: {
  pipelineId?: string;
  /** Only the deals running on this version. */
  versionId?: string;
  initial?: BoardData;
}) {
  const t = useTranslations("board");
  const tBadge = useTranslations("versions.badge");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const [perColumn, setPerColumn] = useState(BOARD_PAGE);
  const query = useQuery({
    ...trpc.board.get.queryOptions({ pipelineId, versionId, perColumn }),
    initialData: perColumn === BOARD_PAGE ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const pipelines = useQuery(trpc.pipelines.newDealForms.queryOptions());
  const board = query.data;
  const { moved, busy, dialog, move, closeDialog } = useBoardMove(board?.columns ?? []);
  const [active, setActive] = useState<BoardCardData | null>(null);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: columnCoordinates,
      keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] },
    }),
  );

  // Where each card shows now (its optimistic column while a move runs), and the columns' figures over that.
  const { columns, byColumn } = useMemo(() => {
    const cards = (board?.cards ?? []).map((c) => ({ ...c, shownIn: moved[c.id] ?? c.stage }));
    const byColumn = new Map<string, typeof cards>();
    for (const c of cards) {
      const list = byColumn.get(c.shownIn);
      if (list) list.push(c);
      else byColumn.set(c.shownIn, [c]);
    }
    // The server's figures count every deal (it sends only a column's first cards); a card on its
    // way to another column counts there already.
    const figures = new Map(
      (board?.columns ?? []).map((col) => [col.key, { count: col.count, amount: col.amount }]),
    );
    for (const c of cards) {
      const from = figures.get(c.stage);
      const to = figures.get(c.shownIn);
      if (c.shownIn === c.stage || !from || !to) continue;
      from.count -= 1;
      from.amount -= c.amount ?? 0;
      to.count += 1;
      to.amount += c.amount ?? 0;
    }
    const columns: BoardColumnData[] = (board?.columns ?? []).map((col) => {
      const { count, amount } = figures.get(col.key)!;
      return { ...col, count, amount, weightedAmount: (amount * col.probability) / 100 };
    });
    return { columns, byColumn };
  }, [board, moved]);

  const nameOf = (key: string | number | undefined) => {
    const col = columns.find((c) => c.key === key);
    return col ? localized(col.name, locale) : String(key ?? "");
  };
  const titleOf = (data: unknown) => (data as { card?: BoardCardData } | undefined)?.card?.title ?? "";
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      t("a11y.pickedUp", {
        deal: titleOf(active.data.current),
        stage: nameOf((active.data.current as { card: BoardCardData }).card.stage),
      }),
    onDragOver: ({ active, over }) =>
      over
        ? t("a11y.over", { deal: titleOf(active.data.current), stage: nameOf(over.id) })
        : t("a11y.notOver", { deal: titleOf(active.data.current) }),
    onDragEnd: ({ active, over }) =>
      over
        ? t("a11y.dropped", { deal: titleOf(active.data.current), stage: nameOf(over.id) })
        : t("a11y.notOver", { deal: titleOf(active.data.current) }),
    onDragCancel: ({ active }) =>
      t("a11y.cancelled", {
        deal: titleOf(active.data.current),
        stage: nameOf((active.data.current as { card: BoardCardData }).card.stage),
      }),
  };

  function onDragStart(e: DragStartEvent) {
    setActive((e.active.data.current as { card: BoardCardData }).card);
  }
  function onDragEnd(e: DragEndEvent) {
    setActive(null);
    const card = (e.active.data.current as { card: BoardCardData } | undefined)?.card;
    if (card && e.over) void move(card, String(e.over.id));
  }

  const picker =
    (pipelines.data?.length ?? 0) > 1 ? (
      <Select
        value={board?.pipeline.id ?? pipelineId ?? ""}
        onValueChange={(id) => {
          router.replace(`${pathname}?pipeline=${id}`, { scroll: false });
        }}
      >
        <SelectTrigger
          className="h-8 w-auto min-w-48"
          aria-label={t("pipeline")}
          data-testid="board-pipeline"
        >
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {pipelines.data!.map((p) => (
            <SelectItem key={p.pipelineId} value={p.pipelineId}>
              {localized(p.name, locale)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    ) : null;

  // Which version's deals: all, or one (shown when the board holds deals of more than one).
  const versions = board?.versions ?? [];
  const versionPicker =
    versions.length > 1 || versionId ? (
      <Select
        value={versionId ?? "all"}
        onValueChange={(id) => {
          const params = new URLSearchParams();
          if (board?.pipeline.id) params.set("pipeline", board.pipeline.id);
          if (id !== "all") params.set("version", id);
          router.replace(`${pathname}?${params}`, { scroll: false });
        }}
      >
        <SelectTrigger
          className="h-8 w-auto min-w-40"
          aria-label={t("versionFilter")}
          data-testid="board-version"
        >
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value="all">{t("allVersions")}</SelectItem>
          {versions.map((v) => (
            <SelectItem key={v.id} value={v.id}>
              {t("versionOption", {
                version:
                  v.status === "pilot"
                    ? tBadge("pilot", { number: v.number })
                    : `${tBadge("plain", { number: v.number })} · ${t(`versionStatus.${v.status}`)}`,
                count: v.count,
              })}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    ) : null;

  if (query.isPending)
    return (
      <Card className="flex items-center justify-center gap-2 p-10 text-sm text-muted-foreground">
        <Loader2Icon className="size-4 animate-spin" />
        {t("loading")}
      </Card>
    );
  if (!board || !board.version)
    return <Card className="p-10 text-center text-sm text-muted-foreground">{t("noPipeline")}</Card>;

  const closedKeys = new Set(board.columns.filter((c) => c.outcome !== "open").map((c) => c.key));
  return (
    <div data-testid="deals-board">
      <div className="mb-3 flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        {picker}
        <span>
          {picker
            ? t("version", { number: board.version.number })
            : t("pipelineVersion", {
                name: localized(board.pipeline.name, locale),
                number: board.version.number,
              })}
        </span>
        {versionPicker}
        {query.isFetching ? <Loader2Icon className="size-3 animate-spin" /> : null}
      </div>
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t("a11y.instructions") } }}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setActive(null)}
      >
        <div className="-mx-3 flex snap-x snap-mandatory scroll-px-3 gap-3 overflow-x-auto px-3 pb-4 sm:mx-0 sm:snap-none sm:px-0">
          {columns.map((column) => {
            const cards = byColumn.get(column.key) ?? [];
            return (
              <BoardColumn
                key={column.key}
                column={column}
                hidden={Math.max(0, column.count - cards.length)}
                loadingMore={query.isFetching && query.isPlaceholderData}
                onShowMore={() => setPerColumn((n) => Math.max(n, cards.length) + BOARD_PAGE)}
              >
                {cards.map((card) => (
                  <BoardCard
                    key={card.id}
                    card={card}
                    locked={closedKeys.has(card.stage)}
                    moving={Boolean(busy[card.id])}
                  />
                ))}
              </BoardColumn>
            );
          })}
        </div>
        <DragOverlay dropAnimation={null}>
          {active ? (
            <CardBody
              card={active}
              className="w-[min(78vw,17rem)] rotate-2 cursor-grabbing shadow-lg ring-1 ring-primary/30"
            />
          ) : null}
        </DragOverlay>
      </DndContext>
      {dialog ? (
        <BoardActionDialog key={dialog.cardId} pending={dialog} onDone={(ok) => void closeDialog(ok)} />
      ) : null}
    </div>
  );
}
