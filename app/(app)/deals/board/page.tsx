import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/lib/ui/page-header";
import { BoardView } from "./board-view";
import { ViewSwitch } from "./view-switch";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("board"))("title") };
}

export default async function DealsBoardPage() {
  const t = await getTranslations("board");
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} actions={<ViewSwitch current="board" />} />
      <BoardView />
    </>
  );
}
