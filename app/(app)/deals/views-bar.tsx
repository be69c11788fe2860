"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { BookmarkPlusIcon, MoreHorizontalIcon, PencilIcon, SaveIcon, Trash2Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/lib/ui/dropdown-menu";
import { Field } from "@/lib/ui/field";
import { Input } from "@/lib/ui/input";
import { BUILTIN_VIEWS } from "./deal-views";

export type SavedView = { id: string; name: string };
export type ViewStateInput = {
  filters: Record<string, unknown>;
  sort: { key: string; dir: "asc" | "desc" } | null;
  columns: string[];
};

/** A name for a view, asked in a dialog: to save a new one or rename one. */
function NameDialog({
  open,
  onOpenChange,
  title,
  initial,
  pending,
  onSubmit,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  initial: string;
  pending: boolean;
  onSubmit: (name: string) => void;
}) {
  const t = useTranslations("views");
  const tc = useTranslations("common");
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (o) setName(initial);
        setError(null);
        onOpenChange(o);
      }}
    >
      <DialogContent closeLabel={tc("close")} className="sm:max-w-md" data-testid="view-name-dialog">
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{t("nameHint")}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            const trimmed = name.trim();
            if (!trimmed) return setError(t("nameRequired"));
            onSubmit(trimmed);
          }}
        >
          <Field id="view-name" label={t("name")} error={error ?? undefined}>
            <Input
              id="view-name"
              value={name}
              maxLength={60}
              autoFocus
              onChange={(e) => setName(e.target.value)}
              aria-invalid={error ? true : undefined}
              data-testid="view-name"
            />
          </Field>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={pending} data-testid="view-name-save">
              {t("save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/**
 * The views above the list: the built-in ones and the member's own, the active one marked
 * (it is in the URL). Saves the current filters, sort and columns as a view, or into the
 * active one; renames and deletes the member's own.
 */
export function ViewsBar({
  active,
  saved,
  modified,
  current,
  onSelect,
  onSaved,
  onDeleted,
}: {
  active: string;
  saved: SavedView[];
  /** The list differs from what the active view keeps. */
  modified: boolean;
  current: () => ViewStateInput;
  onSelect: (viewId: string) => void;
  onSaved: (viewId: string) => void;
  onDeleted: () => void;
}) {
  const t = useTranslations("views");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [naming, setNaming] = useState<"new" | "rename" | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.views.list.queryKey() });
  const onError = (e: unknown) => toast.error(errorMessage(e));
  const create = useMutation(
    trpc.views.create.mutationOptions({
      onSuccess: async (view) => {
        await refresh();
        setNaming(null);
        toast.success(t("saved", { name: view.name }));
        onSaved(view.id);
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.views.update.mutationOptions({
      onSuccess: async (view) => {
        await refresh();
        setNaming(null);
        toast.success(t("updated", { name: view.name }));
        onSaved(view.id);
      },
      onError,
    }),
  );
  const remove = useMutation(
    trpc.views.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setConfirmDelete(false);
        toast.success(t("deleted"));
        onDeleted();
      },
      onError,
    }),
  );
  const mine = saved.find((v) => v.id === active);
  const tab = (id: string, label: string, testId: string) => {
    const selected = active === id;
    return (
      <button
        key={id}
        type="button"
        role="tab"
        aria-selected={selected}
        onClick={() => onSelect(id)}
        className={cn(
          "relative shrink-0 rounded-md px-3 py-1.5 text-sm whitespace-nowrap transition-colors focus-visible:outline-2 focus-visible:outline-ring",
          selected
            ? "bg-background font-medium text-foreground shadow-sm ring-1 ring-border"
            : "text-muted-foreground hover:bg-background/60 hover:text-foreground",
        )}
        data-testid={testId}
      >
        {label}
        {selected && modified ? (
          <span
            className="ml-1.5 inline-block size-1.5 rounded-full bg-primary align-middle"
            aria-label={t("modified")}
          />
        ) : null}
      </button>
    );
  };
  return (
    <div className="flex items-center gap-2 border-b bg-muted/40 px-2 py-1.5">
      <div
        role="tablist"
        aria-label={t("label")}
        className="flex min-w-0 flex-1 gap-1 overflow-x-auto py-0.5"
      >
        {BUILTIN_VIEWS.map((v) => tab(v.id, t(`builtin.${v.id}`), `view-${v.id}`))}
        {saved.length ? <span className="mx-1 w-px shrink-0 self-stretch bg-border" aria-hidden /> : null}
        {saved.map((v) => tab(v.id, v.name, "view-saved"))}
      </div>
      {mine && modified ? (
        <Button
          size="sm"
          variant="outline"
          className="shrink-0"
          disabled={update.isPending}
          onClick={() => update.mutate({ viewId: mine.id, state: current() as never })}
          data-testid="view-update"
        >
          <SaveIcon />
          <span className="hidden sm:inline">{t("update")}</span>
        </Button>
      ) : null}
      <Button
        size="sm"
        variant="ghost"
        className="shrink-0"
        onClick={() => setNaming("new")}
        data-testid="view-save"
      >
        <BookmarkPlusIcon />
        <span className="hidden sm:inline">{t("saveAs")}</span>
      </Button>
      {mine ? (
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button
              size="icon"
              variant="ghost"
              className="size-8 shrink-0"
              aria-label={t("menu")}
              data-testid="view-menu"
            >
              <MoreHorizontalIcon />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            <DropdownMenuItem onSelect={() => setNaming("rename")} data-testid="view-rename">
              <PencilIcon />
              {t("rename")}
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem
              onSelect={() => setConfirmDelete(true)}
              className="text-destructive focus:text-destructive"
              data-testid="view-delete"
            >
              <Trash2Icon />
              {t("delete")}
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      ) : null}
      <NameDialog
        open={naming !== null}
        onOpenChange={(o) => !o && setNaming(null)}
        title={naming === "rename" ? t("renameTitle") : t("saveTitle")}
        initial={naming === "rename" ? (mine?.name ?? "") : ""}
        pending={create.isPending || update.isPending}
        onSubmit={(name) =>
          naming === "rename" && mine
            ? update.mutate({ viewId: mine.id, name })
            : create.mutate({ name, state: current() as never })
        }
      />
      <Dialog open={confirmDelete} onOpenChange={setConfirmDelete}>
        <DialogContent closeLabel={tc("close")} className="sm:max-w-md">
          <DialogHeader>
            <DialogTitle>{t("deleteTitle", { name: mine?.name ?? "" })}</DialogTitle>
            <DialogDescription>{t("deleteHint")}</DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <Button variant="ghost" onClick={() => setConfirmDelete(false)}>
              {t("cancel")}
            </Button>
            <Button
              variant="destructive"
              disabled={remove.isPending}
              onClick={() => mine && remove.mutate({ viewId: mine.id })}
              data-testid="view-delete-confirm"
            >
              {t("delete")}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}
