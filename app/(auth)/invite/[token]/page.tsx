import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TRPCError } from "@trpc/server";
import { publicServerApi } from "@/lib/trpc/server";
import { FormAlert } from "@/app/_components/form-alert";
import { AcceptInviteForm } from "./accept-invite-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("inviteTitle") };
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("auth");
  const api = await publicServerApi();
  const info = await api.auth.inviteInfo({ token }).catch((e: unknown) => {
    if (e instanceof TRPCError) return null;
    throw e;
  });
  if (!info) {
    return (
      <div className="grid gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">{t("inviteTitle")}</h1>
        <FormAlert>{t("inviteInvalid")}</FormAlert>
      </div>
    );
  }
  return <AcceptInviteForm token={token} info={info} />;
}
