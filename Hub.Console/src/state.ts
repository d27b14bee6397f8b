// The console's state: what the server told us, kept per conversation and keyed by seq.
import type { HubConnection } from "@microsoft/signalr";
import type { Session } from "./api";
import type { ConversationDto, MessageDto, OfferDto, PresenceDto, QueueItemDto, TicketDto, CustomerDto } from "../../Hub.Widget/src/protocol";

export interface Pending {
  clientMessageId: string;
  text: string;
  kind: "Text" | "PrivateNote";
  error?: string;
}

export interface Chat {
  conv: ConversationDto;
  messages: Map<number, MessageDto>;
  pending: Map<string, Pending>;
  unread: number;
  customerTyping: boolean;
  typingTimer?: number;
  customerName: string | null;
  draft: string;
  noteMode: boolean;
  markedSeq: number;
  ticket?: TicketDto | null;
  contact?: CustomerDto | null;
  tickets?: TicketDto[] | null;
  ticketError?: string;
}

export type View = "chats" | "supervisor";
export type ConnState = "connected" | "reconnecting" | "disconnected";

export const state = {
  session: null as Session | null,
  conn: null as HubConnection | null,
  connState: "disconnected" as ConnState,
  presence: null as PresenceDto | null,
  offers: new Map<string, OfferDto>(),
  chats: new Map<string, Chat>(),
  order: [] as string[],
  active: null as string | null,
  queue: new Map<string, QueueItemDto>(),
  team: new Map<string, PresenceDto>(),
  view: "chats" as View,
};

export function isSupervisor(): boolean {
  const roles = state.session?.agent.roles ?? [];
  return roles.some((r) => r === "Supervisor" || r === "Admin");
}

export function myId(): string {
  return state.session?.agent.id ?? "";
}

export function activeChat(): Chat | null {
  return state.active ? state.chats.get(state.active) ?? null : null;
}

/** The chat is mine to write in: open and assigned to me (supervisors may write anywhere open). */
export function canWrite(chat: Chat): boolean {
  const open = chat.conv.status === "Waiting" || chat.conv.status === "Active";
  return open && (chat.conv.assignedAgentId === myId() || (isSupervisor() && chat.conv.status === "Active"));
}

export function isOpen(chat: Chat): boolean {
  return chat.conv.status === "Waiting" || chat.conv.status === "Active";
}

export function maxSeq(chat: Chat): number {
  let max = 0;
  for (const seq of chat.messages.keys()) if (seq > max) max = seq;
  return max;
}

export function newChat(conv: ConversationDto, customerName: string | null): Chat {
  return {
    conv,
    messages: new Map(),
    pending: new Map(),
    unread: 0,
    customerTyping: false,
    customerName,
    draft: "",
    noteMode: false,
    markedSeq: conv.agentReadSeq,
  };
}
