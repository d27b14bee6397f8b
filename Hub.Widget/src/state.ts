// What the widget knows of its conversation, the events that change it (reduced by
// conversation.ts) and the questions the view asks of it.
import type {
  AgentsUnavailableDto,
  ConversationDto,
  ConversationStatus,
  MessageDto,
  QueuePositionDto,
  ReadDto,
  ResumeResult,
  SendMessageResult,
  StartConversationResult,
  TypingDto,
} from "./protocol";
import type { ConversationState, OutboxEntry, PendingStart } from "./store";

/** An outbox entry the server refused, shown where it failed: after the messages up to afterSeq. */
export interface FailedEntry {
  entry: OutboxEntry;
  reason: string;
  afterSeq: number;
}

/** Events of a conversation that arrived before this tab knew it (the start's answer was on its way). */
export interface EarlyEvents {
  queue?: QueuePositionDto;
  unavailable?: AgentsUnavailableDto;
  conversation?: ConversationDto;
}

export interface ChatState {
  /** The conversation shown; null before a start is answered and after "new chat". */
  conv: ConversationState | null;
  /** A StartConversation on its way (shown as the pending first message). */
  start: PendingStart | null;
  /** Acknowledged messages of conv, each seq once, in seq order. */
  messages: readonly MessageDto[];
  /** Messages written here that the server has not acknowledged yet, in the order written. */
  pending: readonly OutboxEntry[];
  failed: readonly FailedEntry[];
  /** Up to where the agent side has read ("Read" under the customer's last message). */
  agentReadSeq: number;
  /** The highest seq this tab told the server the customer has read. */
  markedSeq: number;
  /** "Ada is typing…": a new object for every typing event, so the indicator restarts its timeout. */
  agentTyping: { name: string | null } | null;
  queue: QueuePositionDto | null;
  offline: { reason: string } | null;
  offlineDismissed: boolean;
  /** Counts live ConversationChanged events, so that a Resume answer read before one of them does not undo it. */
  liveChanges: number;
  /** Queue events that raced ahead of StartConversation's answer, by conversation id. */
  early: Readonly<Record<string, EarlyEvents>>;
}

export type ChatEvent =
  /** A conversation (or none) from storage: this tab's last one, another tab's, or one the server listed. */
  | { type: "shown"; conv: ConversationState | null; history: readonly MessageDto[]; outbox: readonly OutboxEntry[] }
  /** GetConversations found an open conversation this tab did not know. */
  | { type: "found"; conversation: ConversationDto; history: readonly MessageDto[]; outbox: readonly OutboxEntry[] }
  /** The pre-chat form was sent (at: when, for the pending message). */
  | { type: "startRequested"; start: PendingStart; at: number }
  | { type: "started"; start: PendingStart; result: StartConversationResult }
  | { type: "startFailed" }
  /** A Resume answer; liveChangesBefore is state.liveChanges when the request went out. */
  | { type: "resumed"; conversationId: string; result: ResumeResult; liveChangesBefore: number }
  | { type: "messageReceived"; message: MessageDto }
  | { type: "conversationChanged"; conversation: ConversationDto }
  | { type: "typing"; typing: TypingDto }
  | { type: "typingExpired" }
  | { type: "read"; read: ReadDto }
  | { type: "queuePosition"; queue: QueuePositionDto }
  | { type: "agentsUnavailable"; unavailable: AgentsUnavailableDto }
  | { type: "queued"; entry: OutboxEntry }
  | { type: "acked"; conversationId: string; entry: OutboxEntry; result: SendMessageResult }
  | { type: "sendFailed"; clientMessageId: string; reason: string }
  /** Another tab changed the outbox. */
  | { type: "outboxChanged"; outbox: readonly OutboxEntry[] }
  /** The customer has seen everything up to seq (panel open on a visible page). */
  | { type: "seen"; seq: number }
  | { type: "markedRead"; seq: number }
  /** Rated (score) or skipped the rating (null). */
  | { type: "rated"; conversationId: string; score: number | null }
  | { type: "leftMessage"; conversationId: string; ticketNumber: number; email: string | null }
  /** Leaving a message was refused because an agent took the chat: the offline card goes. */
  | { type: "offlineCleared" }
  | { type: "offlineDismissed" }
  /** Another tab rated or left a message for the same conversation. */
  | { type: "learnt"; conv: ConversationState }
  | { type: "dropped" };

/** What the controller does besides showing the new state. */
export type Effect =
  /** A message was added; live ones are announced ("message" event, sound, badge), persisted ones stored. */
  | { type: "message"; message: MessageDto; live: boolean; persist: boolean }
  /** The conversation's status or assignment changed (the public "conversation" event). */
  | { type: "conversation"; conversation: ConversationDto };

export const initialState: ChatState = {
  conv: null,
  start: null,
  messages: [],
  pending: [],
  failed: [],
  agentReadSeq: 0,
  markedSeq: 0,
  agentTyping: null,
  queue: null,
  offline: null,
  offlineDismissed: false,
  liveChanges: 0,
  early: {},
};

/** The status the customer sees: an unanswered start or a conversation without a snapshot waits. */
export function statusOf(state: ChatState): ConversationStatus | undefined {
  return state.conv?.conversation?.status ?? (state.conv || state.start ? "Waiting" : undefined);
}

export function maxSeq(state: ChatState): number {
  return state.messages.length > 0 ? state.messages[state.messages.length - 1].seq : 0;
}

/** Messages of the agent side (agent and system) the customer has not seen. */
export function unreadCount(state: ChatState): number {
  if (!state.conv) return 0;
  const seen = Math.max(state.conv.conversation?.customerReadSeq ?? 0, state.markedSeq);
  return state.messages.filter((m) => m.seq > seen && m.senderRole !== "Customer").length;
}

export function hasClientMessageId(state: ChatState, clientMessageId: string): boolean {
  return state.messages.some((m) => m.clientMessageId === clientMessageId);
}
