import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reduce } from "../src/conversation";
import { initialState, maxSeq, statusOf, unreadCount, type ChatEvent, type ChatState, type Effect } from "../src/state";
import type { ConversationDto, ConversationStatus, MessageDto } from "../src/protocol";
import type { ConversationState, OutboxEntry, PendingStart } from "../src/store";

const id = "c1";

function dto(status: ConversationStatus, more: Partial<ConversationDto> = {}): ConversationDto {
  const agent = status === "Waiting" ? null : "Ada";
  return {
    id,
    channel: "Chat",
    status,
    level: 1,
    skill: null,
    priority: 0,
    topic: null,
    customerId: "v1",
    assignedAgentId: agent && "a1",
    assignedAgentName: agent,
    ticketNumber: 7,
    lastSeq: 0,
    customerReadSeq: 0,
    agentReadSeq: 0,
    createdAt: "2026-11-28T10:00:00Z",
    assignedAt: agent && "2026-11-28T10:01:00Z",
    closedAt: null,
    rating: null,
    call: null,
    ...more,
  };
}

function msg(seq: number, more: Partial<MessageDto> = {}): MessageDto {
  return { conversationId: id, seq, clientMessageId: null, senderRole: "Agent", senderName: "Ada", kind: "Text", text: `m${seq}`, sentAt: "2026-11-28T10:02:00Z", ...more };
}

const conv = (conversation: ConversationDto | null = dto("Waiting")): ConversationState => ({ id, ticketNumber: 7, conversation, leftMessage: null, rated: false });

/** Runs events from a state; the effects of all of them. */
function run(state: ChatState, ...events: ChatEvent[]): { state: ChatState; effects: Effect[] } {
  const effects: Effect[] = [];
  for (const event of events) {
    const step = reduce(state, event);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

const shown = (c: ConversationState = conv()): ChatState => run(initialState, { type: "shown", conv: c, history: [], outbox: [] }).state;
const seqs = (state: ChatState): number[] => state.messages.map((m) => m.seq);

describe("messages", () => {
  it("are kept in seq order, each seq once, whatever the order they arrive in", () => {
    const { state } = run(
      shown(),
      { type: "messageReceived", message: msg(3) },
      { type: "messageReceived", message: msg(1) },
      { type: "resumed", conversationId: id, result: { conversation: dto("Waiting"), messages: [msg(1), msg(2), msg(3), msg(4)], hasMore: false }, liveChangesBefore: 0 },
      { type: "messageReceived", message: msg(2) },
    );
    assert.deepEqual(seqs(state), [1, 2, 3, 4]);
    assert.equal(maxSeq(state), 4);
  });

  it("announce a live message once, and a resumed one never", () => {
    const { effects } = run(
      shown(),
      { type: "messageReceived", message: msg(1) },
      { type: "messageReceived", message: msg(1) },
      { type: "resumed", conversationId: id, result: { conversation: dto("Waiting"), messages: [msg(1), msg(2)], hasMore: false }, liveChangesBefore: 0 },
    );
    const messages = effects.filter((e) => e.type === "message");
    assert.deepEqual(
      messages.map((e) => [e.message.seq, e.live, e.persist]),
      [
        [1, true, true],
        [2, false, false],
      ],
    );
  });

  it("leave out private notes and other conversations, and change nothing for them", () => {
    const before = shown();
    assert.equal(reduce(before, { type: "messageReceived", message: msg(1, { kind: "PrivateNote" }) }).state, before);
    assert.equal(reduce(before, { type: "messageReceived", message: msg(1, { conversationId: "other" }) }).state, before);
    assert.equal(reduce(initialState, { type: "messageReceived", message: msg(1) }).state, initialState);
  });

  it("from the agent end the agent's typing", () => {
    const typing = run(shown(), { type: "typing", typing: { conversationId: id, role: "Agent", name: "Ada", isTyping: true } }).state;
    assert.deepEqual(typing.agentTyping, { name: "Ada" });
    assert.equal(run(typing, { type: "messageReceived", message: msg(1) }).state.agentTyping, null);
  });

  it("of the agent side count as unread until seen", () => {
    const { state } = run(shown(), { type: "messageReceived", message: msg(1) }, { type: "messageReceived", message: msg(2, { senderRole: "Customer" }) }, { type: "messageReceived", message: msg(3) });
    assert.equal(unreadCount(state), 2);
    assert.equal(unreadCount(run(state, { type: "seen", seq: 3 }).state), 0);
    assert.equal(unreadCount(run(state, { type: "markedRead", seq: 1 }).state), 1);
  });
});

describe("a Resume answer", () => {
  const waiting = dto("Waiting");
  const active = dto("Active", { assignedAgentName: "Ada" });

  it("read before a live ConversationChanged does not undo it", () => {
    const start = shown(conv(waiting));
    const liveChangesBefore = start.liveChanges; // Resume went out
    const live = run(start, { type: "conversationChanged", conversation: active }).state; // the agent joined, live
    const { state, effects } = run(live, { type: "resumed", conversationId: id, result: { conversation: waiting, messages: [msg(1)], hasMore: false }, liveChangesBefore });
    assert.equal(statusOf(state), "Active");
    assert.equal(state.conv?.conversation?.assignedAgentName, "Ada");
    assert.deepEqual(seqs(state), [1]); // its messages still count
    assert.equal(effects.filter((e) => e.type === "conversation").length, 0);
  });

  it("with no live change meanwhile brings the conversation up to date and announces a new status", () => {
    const start = shown(conv(waiting));
    const { state, effects } = run(start, { type: "resumed", conversationId: id, result: { conversation: active, messages: [], hasMore: false }, liveChangesBefore: start.liveChanges });
    assert.equal(statusOf(state), "Active");
    assert.deepEqual(effects, [{ type: "conversation", conversation: active }]);
  });

  it("for a conversation no longer shown changes nothing", () => {
    const start = shown();
    const step = reduce(start, { type: "resumed", conversationId: "other", result: { conversation: active, messages: [msg(1)], hasMore: false }, liveChangesBefore: 0 });
    assert.equal(step.state, start);
  });
});

describe("the outbox", () => {
  const entry: OutboxEntry = { clientMessageId: "m-1", text: "Hello", at: 1 };

  it("shows a queued message as pending until its ack turns it into the message with its seq", () => {
    const queued = run(shown(), { type: "messageReceived", message: msg(1) }, { type: "queued", entry }).state;
    assert.deepEqual(queued.pending, [entry]);
    const { state, effects } = run(queued, { type: "acked", conversationId: id, entry, result: { seq: 2, sentAt: "2026-11-28T10:03:00Z", duplicate: false } });
    assert.deepEqual(state.pending, []);
    assert.deepEqual(seqs(state), [1, 2]);
    assert.equal(state.messages[1].clientMessageId, "m-1");
    assert.equal(state.messages[1].senderRole, "Customer");
    assert.deepEqual(
      effects.map((e) => e.type === "message" && [e.live, e.persist]),
      [[false, true]],
    );
  });

  it("takes a message that came live before the ack once, and the late ack changes nothing", () => {
    const queued = run(shown(), { type: "queued", entry }).state;
    const live = run(queued, { type: "messageReceived", message: msg(5, { clientMessageId: "m-1", senderRole: "Customer", text: "Hello" }) }).state;
    assert.deepEqual(live.pending, []);
    const after = reduce(live, { type: "acked", conversationId: id, entry, result: { seq: 5, sentAt: "2026-11-28T10:03:00Z", duplicate: true } });
    assert.equal(after.state, live);
    assert.deepEqual(run(live, { type: "queued", entry }).state.pending, [], "an entry stored already is not pending again");
  });

  it("keeps a refused message, with the reason, after the messages there were", () => {
    const { state } = run(shown(), { type: "messageReceived", message: msg(1) }, { type: "queued", entry }, { type: "sendFailed", clientMessageId: "m-1", reason: "closed" });
    assert.deepEqual(state.pending, []);
    assert.deepEqual(state.failed, [{ entry, reason: "closed", afterSeq: 1 }]);
  });

  it("follows another tab's outbox", () => {
    const other: OutboxEntry = { clientMessageId: "m-2", text: "Hi", at: 2 };
    const { state } = run(shown(), { type: "queued", entry }, { type: "outboxChanged", outbox: [other] });
    assert.deepEqual(state.pending, [other]);
  });
});

describe("starting", () => {
  const start: PendingStart = { clientMessageId: "s-1", name: "Carla", email: null, topic: null, text: "Hello" };
  const first = msg(1, { clientMessageId: "s-1", senderRole: "Customer", text: "Hello" });

  it("shows the first message pending, then the conversation the answer names", () => {
    const requested = run(initialState, { type: "startRequested", start, at: 5 }).state;
    assert.equal(statusOf(requested), "Waiting");
    assert.deepEqual(requested.pending, [{ clientMessageId: "s-1", text: "Hello", at: 5 }]);
    const { state } = run(requested, { type: "started", start, result: { conversationId: id, ticketNumber: 7, message: first, duplicate: false, agentsAvailable: false } });
    assert.equal(state.conv?.id, id);
    assert.equal(state.start, null);
    assert.deepEqual(state.pending, []);
    assert.deepEqual(seqs(state), [1]);
    assert.deepEqual(state.offline, { reason: "" });
  });

  it("applies a change that raced ahead of the answer once the answer arrives", () => {
    const active = dto("Active");
    const requested = run(
      initialState,
      { type: "startRequested", start, at: 5 },
      { type: "conversationChanged", conversation: active },
      { type: "queuePosition", queue: { conversationId: id, level: 1, position: 2, estimatedWaitSeconds: null } },
    ).state;
    assert.equal(requested.conv, null);
    const { state, effects } = run(requested, { type: "started", start, result: { conversationId: id, ticketNumber: 7, message: first, duplicate: false, agentsAvailable: true } });
    assert.equal(statusOf(state), "Active");
    assert.equal(state.queue, null, "no queue position once an agent has the chat");
    assert.deepEqual(state.early, {});
    assert.ok(effects.some((e) => e.type === "conversation" && e.conversation === active));
  });
});

describe("the conversation", () => {
  it("ending clears the queue position, the offline notice and the agent's typing", () => {
    const { state } = run(
      shown(),
      { type: "queuePosition", queue: { conversationId: id, level: 1, position: 1, estimatedWaitSeconds: 30 } },
      { type: "agentsUnavailable", unavailable: { conversationId: id, reason: "no agents" } },
      { type: "typing", typing: { conversationId: id, role: "Agent", name: null, isTyping: true } },
      { type: "conversationChanged", conversation: dto("Ended") },
    );
    assert.equal(state.queue, null);
    assert.equal(state.offline, null);
    assert.equal(state.agentTyping, null);
  });

  it("rated or learnt from another tab stays rated", () => {
    const ended = shown(conv(dto("Ended")));
    const rated = run(ended, { type: "rated", conversationId: id, score: 5 }).state;
    assert.equal(rated.conv?.rated, true);
    assert.equal(rated.conv?.conversation?.rating, 5);
    const learnt = run(ended, { type: "learnt", conv: { ...conv(dto("Ended")), rated: true } }).state;
    assert.equal(learnt.conv?.rated, true);
  });

  it("dropped shows the form again, but a start on its way stays", () => {
    const start: PendingStart = { clientMessageId: "s-1", name: null, email: null, topic: null, text: "Hi" };
    const { state } = run(shown(), { type: "messageReceived", message: msg(1) }, { type: "dropped" });
    assert.equal(state.conv, null);
    assert.deepEqual(state.messages, []);
    assert.equal(statusOf(state), undefined);
    const starting = run(initialState, { type: "startRequested", start, at: 1 }, { type: "dropped" }).state;
    assert.equal(statusOf(starting), "Waiting");
  });
});
