import en from "./messages/en.json";
import zhCN from "./messages/zh-CN.json";
import type { Locale } from "./config";

export type Messages = typeof en;
export const MESSAGES: Record<Locale, Messages> = { "zh-CN": zhCN, en };
