// The widget's conversation as a pure reducer: what the customer sees follows from the events that
// reached this tab (answers, live events, local sends), with no DOM and no I/O, so it can be unit
// tested. The Chat controller feeds events in and carries out the effects that come back.
import { isOpen, resumeSnapshotIsCurrent, type AgentsUnavailableDto, type ConversationDto, type MessageDto, type QueuePositionDto } from "./protocol";
import { hasClientMessageId, maxSeq, type ChatEvent, type ChatState, type EarlyEvents, type Effect } from "./state";
import type { ConversationState, OutboxEntry } from "./store";

export interface Step {
  state: ChatState;
  effects: Effect[];
}

/** Applies one event; the state comes back unchanged (the same object) when the event changes nothing. */
export function reduce(state: ChatState, event: ChatEvent): Step {
  const step: Step = { state, effects: [] };
  apply(step, event);
  return step;
}

function apply(s: Step, e: ChatEvent): void {
  switch (e.type) {
    case "shown":
      // A conversation shown answers any start this tab knew of (the tab that sent it adopted it).
      set(s, { ...cleared(s.state), conv: e.conv, start: e.conv ? null : s.state.start, queue: null, offline: null });
      if (e.conv) show(s, e.conv, e.history, e.outbox);
      return;
    case "found": {
      const c = e.conversation;
      const conv: ConversationState = { id: c.id, ticketNumber: c.ticketNumber, conversation: c, leftMessage: null, rated: c.rating != null };
      set(s, { ...cleared(s.state), conv, start: null });
      show(s, conv, e.history, e.outbox);
      applyEarly(s, c.id);
      return;
    }
    case "startRequested":
      drop(s);
      set(s, { start: e.start, pending: [{ clientMessageId: e.start.clientMessageId, text: e.start.text, at: e.at }] });
      return;
    case "started": {
      const r = e.result;
      set(s, { start: null });
      if (s.state.conv?.id !== r.conversationId) {
        const conv: ConversationState = { id: r.conversationId, ticketNumber: r.ticketNumber, conversation: null, leftMessage: null, rated: false };
        set(s, { ...cleared(s.state, e.start.clientMessageId), conv });
      }
      addMessage(s, r.message, true, true);
      if (!r.agentsAvailable) set(s, { offline: s.state.offline ?? { reason: "" } });
      applyEarly(s, r.conversationId);
      return;
    }
    case "startFailed":
      set(s, { ...cleared(s.state), start: null });
      return;
    case "resumed": {
      if (s.state.conv?.id !== e.conversationId) return;
      for (const m of e.result.messages) addMessage(s, m, false, false);
      // The server read this snapshot before it answered; a live change that came meanwhile (an agent
      // joined) is newer, and every later change comes live as well.
      if (resumeSnapshotIsCurrent(e.liveChangesBefore, s.state.liveChanges)) applyConversation(s, e.result.conversation, false);
      return;
    }
    case "messageReceived":
      addMessage(s, e.message, true, true);
      return;
    case "conversationChanged":
      applyConversation(s, e.conversation, true);
      return;
    case "typing": {
      const t = e.typing;
      if (t.conversationId !== s.state.conv?.id || t.role !== "Agent") return;
      set(s, { agentTyping: t.isTyping ? { name: t.name } : null });
      return;
    }
    case "typingExpired":
      if (s.state.agentTyping) set(s, { agentTyping: null });
      return;
    case "read":
      if (e.read.conversationId === s.state.conv?.id && e.read.role === "Agent") agentRead(s, e.read.seq);
      return;
    case "queuePosition":
      onQueue(s, e.queue);
      return;
    case "agentsUnavailable":
      onUnavailable(s, e.unavailable);
      return;
    case "queued":
      addPending(s, e.entry);
      return;
    case "acked": {
      const { entry, result } = e;
      addMessage(
        s,
        { conversationId: e.conversationId, seq: result.seq, clientMessageId: entry.clientMessageId, senderRole: "Customer", senderName: null, kind: "Text", text: entry.text, sentAt: result.sentAt },
        false,
        true,
      );
      return;
    }
    case "sendFailed": {
      const entry = s.state.pending.find((p) => p.clientMessageId === e.clientMessageId);
      if (!entry) return;
      set(s, {
        pending: s.state.pending.filter((p) => p !== entry),
        failed: [...s.state.failed, { entry, reason: e.reason, afterSeq: maxSeq(s.state) }],
      });
      return;
    }
    case "outboxChanged": {
      const ids = new Set(e.outbox.map((o) => o.clientMessageId));
      const kept = s.state.pending.filter((p) => ids.has(p.clientMessageId));
      if (kept.length !== s.state.pending.length) set(s, { pending: kept });
      for (const entry of e.outbox) addPending(s, entry);
      return;
    }
    case "seen": {
      const conv = s.state.conv;
      if (conv?.conversation && e.seq > conv.conversation.customerReadSeq) {
        set(s, { conv: { ...conv, conversation: { ...conv.conversation, customerReadSeq: e.seq } } });
      }
      return;
    }
    case "markedRead":
      if (e.seq > s.state.markedSeq) set(s, { markedSeq: e.seq });
      return;
    case "rated": {
      const conv = s.state.conv;
      if (conv?.id !== e.conversationId) return;
      const score = e.score;
      const conversation = score === null ? conv.conversation : conv.conversation && { ...conv.conversation, rating: score };
      set(s, { conv: { ...conv, rated: true, conversation } });
      return;
    }
    case "leftMessage": {
      const conv = s.state.conv;
      if (conv?.id === e.conversationId) set(s, { conv: { ...conv, leftMessage: { ticketNumber: e.ticketNumber, email: e.email } } });
      return;
    }
    case "offlineCleared":
      if (s.state.offline) set(s, { offline: null });
      return;
    case "offlineDismissed":
      set(s, { offlineDismissed: true });
      return;
    case "learnt": {
      const conv = s.state.conv;
      if (!conv || conv.id !== e.conv.id) return;
      const rated = conv.rated || e.conv.rated;
      const leftMessage = conv.leftMessage ?? e.conv.leftMessage;
      if (rated !== conv.rated || leftMessage !== conv.leftMessage) set(s, { conv: { ...conv, rated, leftMessage } });
      return;
    }
    case "dropped":
      drop(s);
      return;
  }
}

function set(s: Step, patch: Partial<ChatState>): void {
  s.state = { ...s.state, ...patch };
}

/** An empty log: no messages, no pending ones but the given start, nothing read, nobody typing. */
function cleared(state: ChatState, keepPending?: string): ChatState {
  return {
    ...state,
    messages: [],
    pending: state.pending.filter((p) => p.clientMessageId === keepPending),
    failed: [],
    agentReadSeq: 0,
    markedSeq: 0,
    agentTyping: null,
  };
}

/** Forgets the conversation; a start on its way stays (its answer brings the next one). */
function drop(s: Step): void {
  set(s, { ...cleared(s.state), conv: null, queue: null, offline: null, offlineDismissed: false });
}

/** The stored history and outbox of a conversation, and its cached snapshot. */
function show(s: Step, conv: ConversationState, history: readonly MessageDto[], outbox: readonly OutboxEntry[]): void {
  for (const m of history) addMessage(s, m, false, false);
  if (conv.conversation) applyConversation(s, conv.conversation, false);
  for (const entry of outbox) addPending(s, entry);
}

/** A message once, at its place by seq; it replaces the pending message of the same client id. */
function addMessage(s: Step, m: MessageDto, live: boolean, persist: boolean): void {
  const state = s.state;
  if (!state.conv || m.conversationId !== state.conv.id || m.kind === "PrivateNote") return;
  if (state.messages.some((x) => x.seq === m.seq)) return;
  const messages = [...state.messages];
  let at = messages.length;
  while (at > 0 && messages[at - 1].seq > m.seq) at--;
  messages.splice(at, 0, m);
  const pending = m.clientMessageId ? state.pending.filter((p) => p.clientMessageId !== m.clientMessageId) : state.pending;
  set(s, { messages, pending, agentTyping: m.senderRole === "Agent" ? null : state.agentTyping });
  s.effects.push({ type: "message", message: m, live, persist });
}

/** Shows an outbox entry as pending, unless it is pending or stored already. */
function addPending(s: Step, entry: OutboxEntry): void {
  const state = s.state;
  if (state.pending.some((p) => p.clientMessageId === entry.clientMessageId)) return;
  if (hasClientMessageId(state, entry.clientMessageId)) return;
  set(s, { pending: [...state.pending, entry] });
}

function agentRead(s: Step, seq: number): void {
  if (seq > s.state.agentReadSeq) set(s, { agentReadSeq: seq });
}

function applyConversation(s: Step, c: ConversationDto, live: boolean): void {
  if (live) set(s, { liveChanges: s.state.liveChanges + 1 });
  const conv = s.state.conv;
  if (!conv || c.id !== conv.id) {
    // An agent can take the chat before StartConversation's answer arrives: keep it for then.
    if (live) keepEarly(s, c.id, { conversation: c });
    return;
  }
  const before = conv.conversation?.status;
  set(s, { conv: { ...conv, conversation: c, ticketNumber: c.ticketNumber, rated: conv.rated || c.rating != null } });
  agentRead(s, c.agentReadSeq);
  if (c.customerReadSeq > s.state.markedSeq) set(s, { markedSeq: c.customerReadSeq });
  if (c.status !== "Waiting") set(s, { queue: null, offline: conv.leftMessage ? s.state.offline : null });
  if (!isOpen(c.status)) set(s, { agentTyping: null });
  if (live || before !== c.status) s.effects.push({ type: "conversation", conversation: c });
}

/** Keeps an event of a conversation this tab does not know yet: the start's answer may still be on its way. */
function keepEarly(s: Step, id: string, event: EarlyEvents): void {
  const early = Object.keys(s.state.early).length > 20 ? {} : s.state.early;
  set(s, { early: { ...early, [id]: { ...early[id], ...event } } });
}

function applyEarly(s: Step, id: string): void {
  const kept = s.state.early[id];
  set(s, { early: {} });
  if (kept?.conversation) applyConversation(s, kept.conversation, true);
  if (kept?.queue) onQueue(s, kept.queue);
  if (kept?.unavailable) onUnavailable(s, kept.unavailable);
}

function onQueue(s: Step, q: QueuePositionDto): void {
  const conv = s.state.conv;
  if (q.conversationId !== conv?.id) return keepEarly(s, q.conversationId, { queue: q });
  if (conv.conversation?.status === "Active") return;
  set(s, { queue: q });
}

function onUnavailable(s: Step, a: AgentsUnavailableDto): void {
  const conv = s.state.conv;
  if (a.conversationId !== conv?.id) return keepEarly(s, a.conversationId, { unavailable: a });
  const status = conv.conversation?.status ?? "Waiting";
  if (!isOpen(status) || status === "Active") return;
  set(s, { offline: { reason: a.reason }, offlineDismissed: false });
}
