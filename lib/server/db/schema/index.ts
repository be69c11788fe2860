export * from "./tenancy";
export * from "./auth";
export * from "./pipelines";
export * from "./deals";
export * from "./notifications";
export * from "./views";
export * from "./api";
export * from "./webhooks";
