import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getSessionUser } from "@/lib/server/auth/session";
import { serverApi } from "@/lib/trpc/server";
import { AppShell } from "./_components/app-shell";
import { NoCompany } from "./_components/no-company";

export default async function AppLayout({ children }: { children: ReactNode }) {
  if (!(await getSessionUser())) redirect("/signin");
  const me = await (await serverApi()).me.get().catch(() => null);
  if (!me) redirect("/signin");
  if (me.mustChangePassword) redirect("/change-password");
  if (!me.activeCompany) return <NoCompany />;
  return (
    <AppShell user={{ name: me.name, email: me.email }} companies={me.companies} active={me.activeCompany}>
      {children}
    </AppShell>
  );
}
