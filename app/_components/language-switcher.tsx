"use client";

import { LanguagesIcon } from "lucide-react";
import { useSession } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useMutation } from "@tanstack/react-query";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import { writeLocaleCookie } from "@/lib/i18n/locale-cookie";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckItem,
  DropdownMenuContent,
  DropdownMenuTrigger,
} from "@/lib/ui/dropdown-menu";
import { cn } from "@/lib/ui/cn";

/**
 * Switches the language. Signed in, it is saved as the user's setting (and the
 * session refreshed so the server renders in it); signed out, a cookie remembers it.
 */
export function LanguageSwitcher({
  className,
  variant = "ghost",
}: {
  className?: string;
  variant?: "ghost" | "outline";
}) {
  const t = useTranslations("locale");
  const current = useLocale();
  const router = useRouter();
  const { status, update } = useSession();
  const trpc = useTRPC();
  const save = useMutation(trpc.me.update.mutationOptions());
  const [pending, startTransition] = useTransition();

  async function choose(locale: Locale) {
    writeLocaleCookie(locale);
    if (status === "authenticated") {
      await save.mutateAsync({ locale });
      await update();
    }
    startTransition(() => router.refresh());
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant={variant}
          size="sm"
          className={cn("gap-1.5", className)}
          disabled={pending}
          data-testid="language-switcher"
        >
          <LanguagesIcon />
          <span>{t(current as Locale)}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        {LOCALES.map((l) => (
          <DropdownMenuCheckItem key={l} checked={l === current} onSelect={() => void choose(l)} lang={l}>
            {t(l)}
          </DropdownMenuCheckItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
