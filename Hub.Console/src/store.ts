// The console's one state object. It changes only inside update(fn, ...changes); the changes name what
// moved, and the listeners (wired to the renderers in main.ts) redraw what shows it.
import type { Session } from "./api";
import type { Phone, PhoneCall, PhoneState } from "./phone";
import type { ConversationDto, CustomerDto, MessageDto, OfferDto, PresenceDto, QueueItemDto, TicketDto } from "../../Hub.Widget/src/protocol";

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

/** What this console knows about the live call of one conversation; hold is not part of ConversationDto. */
export interface Line {
  call: PhoneCall | null;
  hold: "none" | "holding" | "held" | "resuming";
  /** Hung up here, or the line to this browser dropped while the caller was not on hold. */
  ended: boolean;
  busy: boolean;
  /** A warm transfer going on: the agent rung into the call with the caller and this agent. */
  warm: { agentId: string; name: string } | null;
  /** The caller is being moved into a conference: this browser's leg drops and a new one rings. */
  moving: boolean;
}

export interface Voice {
  /** The server hands out voice tokens; without them there is no phone UI at all. */
  enabled: boolean;
  phone: Phone | null;
  phoneState: PhoneState;
  phoneError: string | null;
  lines: Map<string, Line>;
  /** Calls that rang here for no conversation this console knows (yet). */
  unmatched: PhoneCall[];
}

export type View = "chats" | "supervisor";
export type ConnState = "connected" | "reconnecting" | "disconnected";

export interface State {
  session: Session | null;
  connState: ConnState;
  presence: PresenceDto | null;
  offers: Map<string, OfferDto>;
  chats: Map<string, Chat>;
  /** The tabs, in the order they opened. */
  order: string[];
  active: string | null;
  queue: Map<string, QueueItemDto>;
  team: Map<string, PresenceDto>;
  view: View;
  voice: Voice;
}

/**
 * What an update changed. "active" is a different chat in front (the whole chat pane); "conversation"
 * the front chat's ConversationDto; "transcript", "typing", "composer" and "customer" parts of it.
 */
export type Change =
  | "language"
  | "session"
  | "connection"
  | "presence"
  | "view"
  | "offers"
  | "queue"
  | "team"
  | "chats"
  | "active"
  | "conversation"
  | "transcript"
  | "typing"
  | "composer"
  | "customer"
  | "call"
  | "phone"
  | "incoming";

export type Listener = (changes: ReadonlySet<Change>) => void;

const emptyVoice = (): Voice => ({ enabled: false, phone: null, phoneState: "unregistered", phoneError: null, lines: new Map(), unmatched: [] });

export const state: State = {
  session: null,
  connState: "disconnected",
  presence: null,
  offers: new Map(),
  chats: new Map(),
  order: [],
  active: null,
  queue: new Map(),
  team: new Map(),
  view: "chats",
  voice: emptyVoice(),
};

const listeners = new Set<Listener>();
let pending = new Set<Change>();
let notifying = false;

/** Changes the state in fn and tells every listener what changed; updates made by a listener follow in order. */
export function update(fn: (s: State) => void, ...changes: Change[]): void {
  fn(state);
  for (const change of changes) pending.add(change);
  if (notifying) return;
  notifying = true;
  try {
    while (pending.size) {
      const batch = pending;
      pending = new Set();
      for (const listener of listeners) listener(batch);
    }
  } finally {
    notifying = false;
  }
}

export const notify = (...changes: Change[]): void => update(() => undefined, ...changes);

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Signed out: everything but the language goes. */
export function reset(s: State): void {
  Object.assign(s, { session: null, connState: "disconnected", presence: null, order: [], active: null, view: "chats", voice: emptyVoice() });
  s.offers.clear();
  s.chats.clear();
  s.queue.clear();
  s.team.clear();
}

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

export function isOpen(chat: Chat): boolean {
  return chat.conv.status === "Waiting" || chat.conv.status === "Active";
}

/** The chat is mine to write in: open and assigned to me (supervisors may write anywhere open). */
export function canWrite(chat: Chat): boolean {
  return isOpen(chat) && (chat.conv.assignedAgentId === myId() || (isSupervisor() && chat.conv.status === "Active"));
}

export function maxSeq(chat: Chat): number {
  let max = 0;
  for (const seq of chat.messages.keys()) if (seq > max) max = seq;
  return max;
}

export function newChat(conv: ConversationDto, customerName: string | null): Chat {
  return { conv, messages: new Map(), pending: new Map(), unread: 0, customerTyping: false, customerName, draft: "", noteMode: false, markedSeq: conv.agentReadSeq };
}
