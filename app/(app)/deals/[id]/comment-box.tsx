"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AtSignIcon, SendIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { toast } from "sonner";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/lib/ui/card";
import { cn } from "@/lib/ui/cn";
import { Textarea } from "./field-input";

const MAX = 2000;

/** The "@query" being typed just before the caret, if any. */
function mentionAt(text: string, caret: number) {
  const match = /(^|\s)@([^\s@]{0,30})$/u.exec(text.slice(0, caret));
  return match ? { start: caret - match[2]!.length - 1, query: match[2]! } : null;
}

/** Members the deal's comments may mention, shared by the box and the timeline. */
export function useMentionable(dealId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.dealActivity.mentionable.queryOptions({ dealId }, { staleTime: 60_000 })).data ?? [];
}

/** A comment's text with its @mentions of known members highlighted. */
export function CommentText({ dealId, text }: { dealId: string; text: string }) {
  const names = useMentionable(dealId)
    .map((m) => m.name)
    .sort((a, b) => b.length - a.length);
  const parts: ReactNode[] = [];
  let rest = text;
  let key = 0;
  while (rest) {
    const at = rest.indexOf("@");
    if (at === -1) break;
    const name = names.find((n) => rest.startsWith(n, at + 1));
    if (!name) {
      parts.push(rest.slice(0, at + 1));
      rest = rest.slice(at + 1);
      continue;
    }
    parts.push(rest.slice(0, at));
    parts.push(
      <mark
        key={key++}
        data-testid="comment-mention"
        className="rounded bg-primary/10 px-0.5 font-medium text-primary"
      >
        @{name}
      </mark>,
    );
    rest = rest.slice(at + 1 + name.length);
  }
  parts.push(rest);
  return <>{parts}</>;
}

/** Write a comment on the deal; "@" opens a list of the company's members to mention. */
export function CommentBox({ dealId }: { dealId: string }) {
  const t = useTranslations("dealActivity.comment");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useMentionable(dealId);
  const [text, setText] = useState("");
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLTextAreaElement>(null);
  const comment = useMutation(
    trpc.dealActivity.comment.mutationOptions({
      onSuccess: (result) => {
        setText("");
        toast.success(
          result.mentioned.length
            ? `${t("sent")} · ${t("mentioned", { count: result.mentioned.length })}`
            : t("sent"),
        );
        return queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() });
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );

  const matches = mention
    ? members.filter((m) => m.name.toLowerCase().includes(mention.query.toLowerCase())).slice(0, 8)
    : [];

  function update(value: string, caret: number) {
    setText(value);
    setMention(mentionAt(value, caret));
    setActive(0);
  }

  function pick(name: string) {
    if (!mention) return;
    const caret = mention.start + 1 + mention.query.length;
    const next = `${text.slice(0, mention.start)}@${name} ${text.slice(caret)}`;
    setText(next);
    setMention(null);
    const position = mention.start + name.length + 2;
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(position, position);
    });
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (mention && matches.length) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        setActive((i) => (i + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        pick(matches[active]!.name);
        return;
      }
    }
    if (e.key === "Escape") setMention(null);
    if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) submit();
  }

  const trimmed = text.trim();
  function submit() {
    if (!trimmed || trimmed.length > MAX || comment.isPending) return;
    comment.mutate({ dealId, text: trimmed });
  }

  return (
    <Card data-testid="comment-box">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-2">
        <div className="relative">
          <Textarea
            ref={ref}
            value={text}
            maxLength={MAX}
            aria-label={t("title")}
            placeholder={t("placeholder")}
            data-testid="comment-input"
            onChange={(e) => update(e.target.value, e.target.selectionStart)}
            onKeyDown={onKeyDown}
            onBlur={() => setTimeout(() => setMention(null), 150)}
          />
          {mention ? (
            <ul
              role="listbox"
              data-testid="mention-picker"
              className="absolute top-full left-0 z-20 mt-1 max-h-60 w-64 overflow-auto rounded-md border bg-popover p-1 text-sm shadow-md"
            >
              {matches.length === 0 ? (
                <li className="px-2 py-1.5 text-muted-foreground">{t("noMatches")}</li>
              ) : (
                matches.map((m, i) => (
                  <li
                    key={m.id}
                    role="option"
                    aria-selected={i === active}
                    data-testid="mention-option"
                    className={cn(
                      "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5",
                      i === active && "bg-accent text-accent-foreground",
                    )}
                    onMouseDown={(e) => {
                      e.preventDefault();
                      pick(m.name);
                    }}
                  >
                    <AtSignIcon className="size-3.5 text-muted-foreground" />
                    {m.name}
                  </li>
                ))
              )}
            </ul>
          ) : null}
        </div>
        <div className="flex items-center justify-between gap-2">
          <span className={cn("text-xs text-muted-foreground", text.length > MAX && "text-destructive")}>
            {text.length}/{MAX}
          </span>
          <Button
            size="sm"
            onClick={submit}
            disabled={!trimmed || comment.isPending}
            data-testid="comment-submit"
          >
            <SendIcon />
            {t("send")}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
