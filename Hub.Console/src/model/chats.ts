// The agent's chats: opening one, reading what it missed, and the live events of its conversations.
import * as api from "../api";
import { commands } from "../commands";
import { hub } from "../hub";
import { t } from "../i18n";
import { activeChat, maxSeq, myId, newChat, state, update, type Change, type Chat } from "../store";
import { resumeSnapshotIsCurrent, type ConversationDto, type MessageDto, type ReadDto, type ResumeResult, type TypingDto } from "../../../Hub.Widget/src/protocol";
import { matchWaitingCalls, onCallConversationChanged } from "./calls";

/** Live ConversationChanged events so far: a Resume answer read before one of them must not undo it. */
let liveChanges = 0;

/** The changes, when conversationId is the chat in front. */
const ifActive = (conversationId: string, ...changes: Change[]): Change[] => (state.active === conversationId ? changes : []);

export function customerNameOf(chat: Chat): string {
  if (chat.customerName) return chat.customerName;
  for (const m of chat.messages.values()) {
    if (m.senderRole === "Customer" && m.senderName) return (chat.customerName = m.senderName);
  }
  const queued = state.queue.get(chat.conv.id);
  return queued?.customerName ?? t("unknownCustomer");
}

function addMessage(chat: Chat, m: MessageDto): boolean {
  if (chat.messages.has(m.seq)) return false;
  chat.messages.set(m.seq, m);
  if (m.clientMessageId) chat.pending.delete(m.clientMessageId);
  if (m.senderRole === "Customer") chat.customerTyping = false;
  return true;
}

/** A conversation this agent took, claimed, reopened or was given: it opens as the chat in front. */
export function openChat(result: ResumeResult, customerName: string | null): void {
  const id = result.conversation.id;
  update((s) => {
    let chat = s.chats.get(id);
    if (!chat) {
      chat = newChat(result.conversation, customerName);
      s.chats.set(id, chat);
      s.order.push(id);
    } else {
      chat.conv = result.conversation;
    }
    for (const m of result.messages) addMessage(chat, m);
    s.active = id;
  }, "chats", "active");
  matchWaitingCalls();
  void loadTickets(state.chats.get(id)!);
  markReadIfVisible();
  commands.focusComposer();
}

/** Reads what came since the last seq we have (and joins the conversation's group again). */
export async function resumeChat(id: string): Promise<void> {
  const chat = state.chats.get(id);
  if (!chat || !hub.hasConnection) return;
  let after = maxSeq(chat);
  for (let page = 0; page < 20; page++) {
    const changesBefore = liveChanges;
    const result = await hub.resume({ conversationId: id, afterSeq: after });
    update(() => {
      if (resumeSnapshotIsCurrent(changesBefore, liveChanges)) chat.conv = result.conversation;
      for (const m of result.messages) addMessage(chat, m);
    });
    if (!result.hasMore || result.messages.length === 0) break;
    after = result.messages[result.messages.length - 1].seq;
  }
  if (chat.ticket === undefined) void loadTickets(chat);
}

/** The contact, the current ticket and the customer's earlier tickets, for the customer panel. */
export async function loadTickets(chat: Chat): Promise<void> {
  const token = state.session?.token;
  if (!token) return;
  try {
    const [current, all, contact] = await Promise.all([
      api.ticket(token, chat.conv.ticketNumber),
      api.ticketsOf(token, chat.conv.customerId),
      api.customer(token, chat.conv.customerId),
    ]);
    update(() => Object.assign(chat, { contact, ticket: current, tickets: all, ticketError: undefined }), ...ifActive(chat.conv.id, "customer"));
  } catch (err) {
    update(() => (chat.ticketError = err instanceof Error ? err.message : String(err)), ...ifActive(chat.conv.id, "customer"));
  }
}

function visible(id: string): boolean {
  return state.view === "chats" && state.active === id && document.visibilityState === "visible";
}

export function messageReceived(m: MessageDto): void {
  const chat = state.chats.get(m.conversationId);
  if (!chat || chat.messages.has(m.seq)) return;
  update(() => {
    addMessage(chat, m);
    chat.conv.lastSeq = Math.max(chat.conv.lastSeq, m.seq);
    const fromOthers = m.senderRole === "Customer" || (m.kind === "PrivateNote" && m.senderName !== state.session?.agent.displayName);
    if (fromOthers && !visible(m.conversationId)) chat.unread++;
  }, ...ifActive(m.conversationId, "transcript"), "chats");
  markReadIfVisible();
}

export function typingChanged(d: TypingDto): void {
  const chat = state.chats.get(d.conversationId);
  if (!chat || d.role !== "Customer") return;
  update(() => {
    chat.customerTyping = d.isTyping;
    window.clearTimeout(chat.typingTimer);
    // The server has no typing timeout: drop a stale indicator ourselves.
    if (d.isTyping) chat.typingTimer = window.setTimeout(() => typingChanged({ ...d, isTyping: false }), 8000);
  }, ...ifActive(d.conversationId, "typing"));
}

export function messagesRead(d: ReadDto): void {
  const chat = state.chats.get(d.conversationId);
  if (!chat) return;
  if (d.role === "Customer") {
    update(() => (chat.conv.customerReadSeq = Math.max(chat.conv.customerReadSeq, d.seq)), ...ifActive(d.conversationId, "transcript"));
  } else {
    update(() => (chat.markedSeq = Math.max(chat.markedSeq, d.seq)));
  }
}

export function conversationChanged(c: ConversationDto): void {
  liveChanges++;
  const chat = state.chats.get(c.id);
  if (!chat) {
    // Reassigned to me by a supervisor: follow it.
    if (c.assignedAgentId === myId() && c.status === "Active" && hub.hasConnection) {
      void hub.open({ conversationId: c.id }).then((r) => {
        const keep = state.active;
        openChat(r, null);
        if (keep) switchTab(keep);
        matchWaitingCalls(); // a call answered by hand before it was ours (a warm transfer)
      });
    }
    return;
  }
  update(() => (chat.conv = { ...c, customerReadSeq: Math.max(c.customerReadSeq, chat.conv.customerReadSeq) }), "chats", ...ifActive(c.id, "conversation"));
  onCallConversationChanged(c);
  matchWaitingCalls();
  void loadTickets(chat);
}

export function markReadIfVisible(): void {
  const chat = activeChat();
  if (!chat || !visible(chat.conv.id)) return;
  if (chat.unread) update(() => (chat.unread = 0), "chats");
  const seq = maxSeq(chat);
  const mine = chat.conv.assignedAgentId === myId();
  if (seq > chat.markedSeq && mine && hub.connected) {
    update(() => (chat.markedSeq = seq));
    void hub.markRead({ conversationId: chat.conv.id, seq }).catch(() => undefined);
  }
}

export function switchTab(id: string): void {
  update((s) => (s.active = id), "active");
  markReadIfVisible();
  commands.focusComposer();
}

export function cycleTab(step: number): void {
  if (!state.order.length) return;
  const at = state.active ? state.order.indexOf(state.active) : -1;
  switchTab(state.order[(at + step + state.order.length) % state.order.length]);
}

export function closeTab(id: string): void {
  update((s) => {
    s.chats.delete(id);
    s.order = s.order.filter((x) => x !== id);
    if (s.active === id) s.active = s.order[s.order.length - 1] ?? null;
  }, "chats", "active");
}

export function toggleNote(): void {
  const chat = activeChat();
  if (!chat) return;
  update(() => (chat.noteMode = !chat.noteMode), "composer");
  commands.focusComposer();
}
