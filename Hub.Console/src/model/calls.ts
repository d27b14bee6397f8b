// Phone calls: the browser phone (phone.ts), matching a call that rings here to its conversation,
// and the controls of a live call (mute, hold, hang up, warm transfer, calling back).
import * as api from "../api";
import { hub } from "../hub";
import { t } from "../i18n";
import { startPhone, type PhoneCall, type VoiceToken } from "../phone";
import { activeChat, canWrite, isOpen, myId, state, update, type Chat, type Line } from "../store";
import { beep, notify, toast } from "../ui";
import { hubErrorText, type ConversationDto } from "../../../Hub.Widget/src/protocol";

export type CallStatus = "waiting" | "ringing" | "connecting" | "connected" | "onHold" | "ended";

/** A call with a caller on the line. */
export function isLiveCall(conv: ConversationDto): boolean {
  return conv.call?.kind === "Live";
}

/** A voicemail or callback request: nobody is on the line. */
export function isFollowUp(conv: ConversationDto): boolean {
  return conv.call?.kind === "FollowUp";
}

/** Only the letters and digits of a number, so "+49 170 1234" and "+491701234" match. */
const digitsOf = (number: string | null | undefined): string => (number ?? "").replace(/[^A-Za-z0-9]/g, "");

function line(conversationId: string): Line {
  const lines = state.voice.lines;
  let l = lines.get(conversationId);
  if (!l) lines.set(conversationId, (l = { call: null, hold: "none", ended: false, busy: false, warm: null, moving: false }));
  return l;
}

/** Changes the line of a conversation and redraws the call bar. */
function changeLine(conversationId: string, fn: (l: Line) => void): void {
  update(() => fn(line(conversationId)), "call");
}

export function callStatus(chat: Chat): CallStatus {
  const l = state.voice.lines.get(chat.conv.id);
  if (!isOpen(chat) || l?.ended) return "ended";
  if (l?.call?.status === "ringing") return "ringing"; // even on hold: taken back from another tab
  if (l?.hold === "held") return "onHold";
  switch (l?.call?.status) {
    case "connecting":
      return "connecting";
    case "open":
      return "connected";
    default:
      return "waiting";
  }
}

export async function startVoice(): Promise<void> {
  const session = state.session;
  if (!session) return;
  // The profile refresh replaces the session object; the token says whether it is still this sign-in.
  const current = () => state.session?.token === session.token;
  let first: VoiceToken | null;
  try {
    first = await api.voiceToken(session.token);
  } catch (err) {
    toast(t("phoneFailed", err instanceof Error ? err.message : String(err)), "error");
    return;
  }
  if (!first || !current()) return;
  update((s) => (s.voice.enabled = true), "phone");
  try {
    const phone = await startPhone(first, async () => (await api.voiceToken(session.token)) ?? Promise.reject(new Error("voice not configured")), {
      stateChanged: (phoneState, error) => update((s) => Object.assign(s.voice, { phoneState, phoneError: error }), "phone", "call"),
      incoming: onIncoming,
      callChanged: onCallChanged,
    });
    update((s) => (s.voice.phone = phone), "call");
    if (!current()) stopVoice();
  } catch (err) {
    update((s) => Object.assign(s.voice, { phoneState: "error", phoneError: err instanceof Error ? err.message : String(err) }), "phone");
  }
}

/** Signed out: the browser phone goes with everything it knew. */
export function stopVoice(): void {
  state.voice.phone?.destroy();
  update((s) => Object.assign(s.voice, { phone: null, enabled: false, phoneState: "unregistered", phoneError: null, lines: new Map(), unmatched: [] }));
}

/** The chat a call that rang here belongs to: named by the server, else the caller's number. */
function chatFor(call: PhoneCall): Chat | null {
  if (call.conversationId) return state.chats.get(call.conversationId) ?? null;
  const digits = digitsOf(call.from);
  if (!digits) return null;
  const mine = [...state.chats.values()]
    .filter((c) => isLiveCall(c.conv) && c.conv.status === "Active" && c.conv.assignedAgentId === myId() && digitsOf(c.conv.call?.callerNumber) === digits)
    .sort((a, b) => (b.conv.assignedAt ?? "").localeCompare(a.conv.assignedAt ?? ""));
  return mine[0] ?? null;
}

/** The call of a conversation this agent holds, not on hold: the agent just took it or took it back, so answer at once. */
function attach(call: PhoneCall, chat: Chat): void {
  const l = line(chat.conv.id);
  l.call = call;
  l.ended = false;
  const expected = canWrite(chat) && chat.conv.status === "Active" && l.hold !== "held" && l.hold !== "holding";
  if (expected) {
    l.hold = "none";
    l.moving = false;
    if (call.status === "ringing") call.accept(); // a call answered by hand before its conversation came is only attached
  } else {
    ring(call);
  }
}

function ring(call: PhoneCall): void {
  beep();
  notify(t("incomingCallTitle"), call.from || t("unknownCaller"), call.sid);
}

function onIncoming(call: PhoneCall): void {
  update((s) => {
    const chat = chatFor(call);
    if (chat) attach(call, chat);
    else {
      s.voice.unmatched.push(call);
      ring(call);
    }
  }, "incoming", "call");
}

function onCallChanged(call: PhoneCall): void {
  update((s) => {
    s.voice.unmatched = s.voice.unmatched.filter((c) => c.status !== "closed");
    for (const l of s.voice.lines.values()) {
      if (l.call !== call || call.status !== "closed") continue;
      l.call = null;
      // Hold, escalation and a warm transfer move the caller away from this browser: Twilio drops our leg, the call goes on.
      if (l.hold === "none" && !l.moving) l.ended = true;
    }
  }, "incoming", "call");
}

/**
 * Calls that rang before their conversation arrived (the accept's answer can come after the call), or
 * that the agent answered by hand before the conversation was theirs (brought in by a warm transfer).
 */
export function matchWaitingCalls(): void {
  const waiting = state.voice.unmatched.filter((c) => c.status !== "closed");
  update((s) => {
    for (const call of waiting) {
      const chat = chatFor(call);
      if (!chat) continue;
      s.voice.unmatched = s.voice.unmatched.filter((c) => c !== call);
      attach(call, chat);
    }
  }, ...(waiting.length ? (["incoming", "call"] as const) : []));
}

/** A conversation moved: a call that is no longer this agent's keeps no local state. */
export function onCallConversationChanged(conv: ConversationDto): void {
  const l = state.voice.lines.get(conv.id);
  if (!l || (conv.assignedAgentId === myId() && conv.status === "Active")) return;
  // Not ours any more (ended, handed over by a warm transfer, escalated): this browser leaves the call.
  if (l.call && l.call.status !== "closed") l.call.disconnect();
  update((s) => s.voice.lines.delete(conv.id), "call");
}

/** A call control's hub call; its error is shown, and false returned. */
async function attempt(call: Promise<unknown>): Promise<boolean> {
  try {
    await call;
    return true;
  } catch (err) {
    toast(hubErrorText(err), "error");
    return false;
  }
}

export function answer(chat: Chat): void {
  const l = state.voice.lines.get(chat.conv.id);
  if (l?.call?.status !== "ringing") return;
  const call = l.call;
  changeLine(chat.conv.id, (x) => (x.hold = "none"));
  call.accept();
}

export function toggleMute(): void {
  const chat = activeChat();
  const call = chat && state.voice.lines.get(chat.conv.id)?.call;
  if (!call || (call.status !== "connecting" && call.status !== "open")) return;
  call.mute(!call.muted); // the SDK's mute event redraws
}

export async function toggleHold(): Promise<void> {
  const chat = activeChat();
  if (!chat || !isLiveCall(chat.conv) || !canWrite(chat) || callStatus(chat) === "ended") return;
  const id = chat.conv.id;
  const l = line(id);
  if (l.busy) return;
  const onHold = l.hold !== "held";
  const before = l.hold;
  changeLine(id, (x) => Object.assign(x, { busy: true, hold: onHold ? "holding" : "resuming" }));
  const ok = await attempt(hub.holdCall({ conversationId: id, onHold }));
  // Taken back: the server rings this browser again and the call is answered when it comes.
  changeLine(id, (x) => {
    x.busy = false;
    if (!ok) x.hold = before;
    else if (onHold) x.hold = "held";
  });
}

export async function hangUp(): Promise<void> {
  const chat = activeChat();
  if (!chat || !isLiveCall(chat.conv) || !canWrite(chat) || callStatus(chat) === "ended") return;
  const id = chat.conv.id;
  if (line(id).busy) return;
  changeLine(id, (x) => (x.busy = true));
  const ok = await attempt(hub.hangUpCall({ conversationId: id }));
  changeLine(id, (x) => {
    x.busy = false;
    // If Twilio did not end the call, dropping our leg still ends it: nothing follows the Dial.
    if (ok || x.call) {
      x.ended = true;
      x.hold = "none";
      if (x.call && x.call.status !== "closed") x.call.disconnect();
    }
  });
}

/** After WarmTransfer: the agent is being rung into the call, and this browser's leg moves into the conference. */
export function warmTransferStarted(conversationId: string, agentId: string, name: string): void {
  changeLine(conversationId, (x) => Object.assign(x, { warm: { agentId, name }, moving: true }));
}

export async function finishWarmTransfer(chat: Chat, complete: boolean): Promise<void> {
  const id = chat.conv.id;
  const warm = line(id).warm;
  if (!warm || line(id).busy) return;
  changeLine(id, (x) => (x.busy = true));
  const request = { conversationId: id, agentId: warm.agentId };
  const ok = await attempt(complete ? hub.completeWarmTransfer(request) : hub.cancelWarmTransfer(request));
  if (ok && complete) toast(t("warmCompleted", warm.name));
  changeLine(id, (x) => {
    x.busy = false;
    if (ok) x.warm = null;
  });
}

/** A voicemail or callback task: calls the customer back from this browser. */
export async function callBack(chat: Chat): Promise<void> {
  const phone = state.voice.phone;
  if (!phone) return;
  try {
    const call = await phone.call({ ConversationId: chat.conv.id });
    changeLine(chat.conv.id, (x) => (x.call = call));
  } catch (err) {
    toast(t("phoneFailed", err instanceof Error ? err.message : String(err)), "error");
    changeLine(chat.conv.id, () => undefined);
  }
}
