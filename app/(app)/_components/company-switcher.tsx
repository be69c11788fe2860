"use client";

import { useMutation } from "@tanstack/react-query";
import { Building2Icon, ChevronsUpDownIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { localName } from "@/lib/i18n/localized";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { Role } from "@/lib/roles";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import {
  DropdownMenu,
  DropdownMenuCheckItem,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/lib/ui/dropdown-menu";

type Company = { companyId: string; companyName: string; companyNameEn: string | null; role: Role };

export function CompanySwitcher({ companies, active }: { companies: Company[]; active: Company }) {
  const t = useTranslations("company");
  const tr = useTranslations("roles");
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const switchCompany = useMutation(
    trpc.me.switchCompany.mutationOptions({
      onSuccess: () => {
        router.push("/");
        router.refresh();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex w-full items-center gap-2.5 rounded-lg border border-white/10 bg-white/5 px-3 py-2 text-left hover:bg-white/10 focus:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        data-testid="company-switcher"
      >
        <Building2Icon className="size-4 shrink-0 text-sidebar-foreground/70" />
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium text-white">
            {localName({ name: active.companyName, nameEn: active.companyNameEn }, locale)}
          </span>
          <span className="block text-xs text-sidebar-foreground/60">{tr(active.role)}</span>
        </span>
        {companies.length > 1 ? <ChevronsUpDownIcon className="size-4 text-sidebar-foreground/60" /> : null}
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-56">
        <DropdownMenuLabel>{t("switch")}</DropdownMenuLabel>
        {companies.map((c) => (
          <DropdownMenuCheckItem
            key={c.companyId}
            checked={c.companyId === active.companyId}
            disabled={switchCompany.isPending}
            onSelect={() =>
              c.companyId !== active.companyId && switchCompany.mutate({ companyId: c.companyId })
            }
          >
            <span className="flex-1 truncate">
              {localName({ name: c.companyName, nameEn: c.companyNameEn }, locale)}
            </span>
            <span className="text-xs text-muted-foreground">{tr(c.role)}</span>
          </DropdownMenuCheckItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
