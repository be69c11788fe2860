import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { serverApi } from "@/lib/trpc/server";
import { PracticeHome } from "./practice-home";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("practice"))("pageTitle") };
}

const TRAINS = new Set(["admin", "trainer"]);

/** Practice mode (练习模式): one's own practice deals, and for trainers who has practised. */
export default async function PracticePage() {
  const api = await serverApi();
  const me = await api.me.get();
  const trains = TRAINS.has(me.activeCompany?.role ?? "");
  const [mine, versions, members] = await Promise.all([
    api.practice.mine(),
    api.practice.versions(),
    trains ? api.practice.members() : Promise.resolve(null),
  ]);
  return <PracticeHome initialMine={mine} versions={versions} initialMembers={members} />;
}
