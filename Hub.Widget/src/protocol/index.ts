// The one definition of Hub's wire protocol for TypeScript clients: the widget imports it as
// "./protocol", the agent console by relative path. Hub.Tests/Protocol/SharedProtocolTests checks it
// against the server's C# contracts, so a field or method added there fails the build here first.
export type * from "./enums";
export type * from "./dtos";
export type * from "./http";
export type * from "./hub";
export type * from "./events";
export * from "./customer-hub";
export * from "./agent-hub";
export * from "./errors";
export * from "./client";

import type { ConversationStatus } from "./enums";

export const isOpen = (status: ConversationStatus | undefined): boolean => status === "Waiting" || status === "Active";
