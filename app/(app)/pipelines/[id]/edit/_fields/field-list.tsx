"use client";

import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from "@dnd-kit/core";
import { GripVerticalIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";
import { localized } from "@/lib/i18n/localized";
import { Badge } from "@/lib/ui/badge";
import { MoveButtons } from "@/lib/ui/move-buttons";
import { cn } from "@/lib/ui/cn";
import type { FieldDef } from "@/workflows/definition/schema";

/** The fields in order: pick one to edit; drag by the handle, or use the arrow buttons, to reorder. */
export function FieldList({
  fields,
  selected,
  onSelect,
  onMove,
  invalidKeys,
  readOnly,
}: {
  fields: FieldDef[];
  selected: number;
  onSelect: (index: number) => void;
  onMove: (from: number, to: number) => void;
  invalidKeys: ReadonlySet<number>;
  readOnly?: boolean;
}) {
  const t = useTranslations("fieldsDesigner");
  const dndId = useId();
  const locale = useLocale();
  const nameAt = (id: string | number) => {
    const f = fields[Number(id)];
    return f ? localized(f.name, locale) || f.key : "";
  };
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onMove(Number(active.id), Number(over.id));
  };
  return (
    <DndContext
      // A stable id keeps dnd-kit's screen-reader description ids the same on the server and client.
      id={dndId}
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: { draggable: t("dragInstructions") },
        announcements: {
          onDragStart: ({ active }) => t("announce.start", { name: nameAt(active.id) }),
          onDragOver: ({ active, over }) =>
            over ? t("announce.over", { name: nameAt(active.id), position: Number(over.id) + 1 }) : undefined,
          onDragEnd: ({ active, over }) =>
            over
              ? t("announce.end", { name: nameAt(active.id), position: Number(over.id) + 1 })
              : t("announce.cancel", { name: nameAt(active.id) }),
          onDragCancel: ({ active }) => t("announce.cancel", { name: nameAt(active.id) }),
        },
      }}
    >
      <ol className="space-y-1" aria-label={t("fieldList")} data-testid="fields-list">
        {fields.map((f, i) => (
          <FieldRow
            key={`${i}-${f.key}`}
            index={i}
            field={f}
            count={fields.length}
            selected={i === selected}
            invalid={invalidKeys.has(i)}
            onSelect={() => onSelect(i)}
            onMove={(to) => onMove(i, to)}
            readOnly={readOnly}
          />
        ))}
      </ol>
    </DndContext>
  );
}

function FieldRow({
  index,
  field,
  count,
  selected,
  invalid,
  onSelect,
  onMove,
  readOnly,
}: {
  index: number;
  field: FieldDef;
  count: number;
  selected: boolean;
  invalid: boolean;
  onSelect: () => void;
  onMove: (to: number) => void;
  readOnly?: boolean;
}) {
  const t = useTranslations("fieldsDesigner");
  const locale = useLocale();
  const id = String(index);
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id,
    disabled: readOnly,
  });
  const { setNodeRef: setDropRef, isOver } = useDroppable({ id });
  const name = localized(field.name, locale) || field.key;
  const style = transform ? { transform: `translate3d(0, ${transform.y}px, 0)` } : undefined;
  return (
    <li
      ref={setDropRef}
      data-testid="fields-row"
      data-key={field.key}
      className={cn("rounded-md", isOver && !isDragging && "ring-2 ring-primary/40")}
    >
      <div
        ref={setNodeRef}
        style={style}
        className={cn(
          "group flex items-center gap-1 rounded-md border bg-card py-1 pl-1 pr-1 text-sm transition-colors",
          selected ? "border-primary/60 bg-primary/5" : "hover:bg-accent/50",
          isDragging && "z-10 shadow-lg",
          invalid && "border-destructive/60",
        )}
      >
        {readOnly ? null : (
          <button
            type="button"
            className="flex h-7 w-5 cursor-grab items-center justify-center rounded text-muted-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            aria-label={t("dragHandle", { name })}
            {...listeners}
            {...attributes}
          >
            <GripVerticalIcon className="size-4" aria-hidden />
          </button>
        )}
        <button
          type="button"
          onClick={onSelect}
          aria-current={selected || undefined}
          className="flex min-w-0 flex-1 items-center gap-2 rounded px-1 py-0.5 text-left focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          data-testid="fields-select"
        >
          <span className="min-w-0 flex-1">
            <span className="block truncate font-medium">{name}</span>
            <span className="block truncate font-mono text-[11px] text-muted-foreground">{field.key}</span>
          </span>
          {field.requiredAtCreation ? (
            <span
              className="text-xs text-destructive"
              title={t("requiredAtCreation")}
              aria-label={t("requiredAtCreation")}
            >
              *
            </span>
          ) : null}
          <Badge variant="secondary" className="hidden shrink-0 font-normal @3xl:inline-flex">
            {t(`types.${field.type}`)}
          </Badge>
        </button>
        {readOnly ? null : (
          <div className="flex w-0 shrink-0 overflow-hidden group-focus-within:w-auto group-hover:w-auto [@media(hover:none)]:w-auto">
            <MoveButtons
              index={index}
              count={count}
              onMove={onMove}
              upLabel={t("moveUp", { name })}
              downLabel={t("moveDown", { name })}
            />
          </div>
        )}
      </div>
    </li>
  );
}
