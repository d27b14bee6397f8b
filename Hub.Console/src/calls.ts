// Phone calls in the console: the browser phone (phone.ts), answering the call of a conversation the
// agent took, and the call controls of a live call (mute, hold, hang up; escalate is the usual dialog).
import * as api from "./api";
import { clear, h } from "./dom";
import { t, type Key } from "./i18n";
import { startPhone, type Phone, type PhoneCall, type PhoneState, type VoiceToken } from "./phone";
import { activeChat, canWrite, isOpen, myId, state, type Chat } from "./state";
import { beep, notify, toast } from "./ui";
import { renderSide } from "./side";
import { warmTransferDialog } from "./actions";
import { hubErrorText, type ConversationDto } from "../../Hub.Widget/src/protocol";

export type CallStatus = "waiting" | "ringing" | "connecting" | "connected" | "onHold" | "ended";

/** What this console knows about the live call of one conversation; hold is not part of ConversationDto. */
interface Line {
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

export const voice = {
  /** The server hands out voice tokens; without them there is no phone UI at all. */
  enabled: false,
  phone: null as Phone | null,
  phoneState: "unregistered" as PhoneState,
  phoneError: null as string | null,
  lines: new Map<string, Line>(),
  /** Calls that rang here for no conversation this console knows (yet). */
  unmatched: [] as PhoneCall[],
};

/** A call with a caller on the line (voice-<CallSid>). */
export function isLiveCall(conv: ConversationDto): boolean {
  return conv.channel === "Voice" && conv.id.startsWith("voice-");
}

/** A voicemail or callback request (followup-<CallSid>): nobody is on the line. */
export function isFollowUp(conv: ConversationDto): boolean {
  return conv.channel === "Voice" && conv.id.startsWith("followup-");
}

function line(conversationId: string): Line {
  let l = voice.lines.get(conversationId);
  if (!l) voice.lines.set(conversationId, (l = { call: null, hold: "none", ended: false, busy: false, warm: null, moving: false }));
  return l;
}

export function callStatus(chat: Chat): CallStatus {
  const l = voice.lines.get(chat.conv.id);
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
  voice.enabled = true;
  renderPhone();
  try {
    voice.phone = await startPhone(first, async () => (await api.voiceToken(session.token)) ?? Promise.reject(new Error("voice not configured")), {
      stateChanged: (s, error) => {
        voice.phoneState = s;
        voice.phoneError = error;
        renderPhone();
        renderCallBar();
      },
      incoming: onIncoming,
      callChanged: onCallChanged,
    });
    if (!current()) stopVoice();
  } catch (err) {
    voice.phoneState = "error";
    voice.phoneError = err instanceof Error ? err.message : String(err);
    renderPhone();
  }
}

export function stopVoice(): void {
  voice.phone?.destroy();
  voice.phone = null;
  voice.enabled = false;
  voice.phoneState = "unregistered";
  voice.phoneError = null;
  voice.lines.clear();
  voice.unmatched = [];
}

/** The chat a call that rang here belongs to: named by the server, else the caller's number (customer tel-<digits>). */
function chatFor(call: PhoneCall): Chat | null {
  if (call.conversationId) return state.chats.get(call.conversationId) ?? null;
  const digits = call.from.replace(/[^A-Za-z0-9]/g, "");
  if (!digits) return null;
  const mine = [...state.chats.values()]
    .filter((c) => isLiveCall(c.conv) && c.conv.status === "Active" && c.conv.assignedAgentId === myId() && c.conv.customerId === `tel-${digits}`)
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
  const chat = chatFor(call);
  if (chat) attach(call, chat);
  else {
    voice.unmatched.push(call);
    ring(call);
  }
  renderSide();
  renderCallBar();
}

function onCallChanged(call: PhoneCall): void {
  voice.unmatched = voice.unmatched.filter((c) => c.status !== "closed");
  for (const l of voice.lines.values()) {
    if (l.call !== call || call.status !== "closed") continue;
    l.call = null;
    // Hold, escalation and a warm transfer move the caller away from this browser: Twilio drops our leg, the call goes on.
    if (l.hold === "none" && !l.moving) l.ended = true;
  }
  renderSide();
  renderCallBar();
}

/**
 * Calls that rang before their conversation arrived (the accept's answer can come after the call), or
 * that the agent answered by hand before the conversation was theirs (brought in by a warm transfer).
 */
export function matchWaitingCalls(): void {
  const waiting = voice.unmatched.filter((c) => c.status !== "closed");
  for (const call of waiting) {
    const chat = chatFor(call);
    if (!chat) continue;
    voice.unmatched = voice.unmatched.filter((c) => c !== call);
    attach(call, chat);
  }
  if (waiting.length) renderSide();
}

/** A conversation moved: a call that is no longer this agent's keeps no local state. */
export function onCallConversationChanged(conv: ConversationDto): void {
  if (!voice.lines.has(conv.id)) return;
  if (conv.assignedAgentId !== myId() || conv.status !== "Active") {
    const l = voice.lines.get(conv.id)!;
    // Not ours any more (ended, handed over by a warm transfer, escalated): this browser leaves the call.
    if (l.call && l.call.status !== "closed") l.call.disconnect();
    voice.lines.delete(conv.id);
  }
}

async function invoke(method: string, request: object): Promise<boolean> {
  try {
    await state.conn!.invoke(method, request);
    return true;
  } catch (err) {
    toast(hubErrorText(err), "error");
    return false;
  }
}

function answer(chat: Chat): void {
  const l = voice.lines.get(chat.conv.id);
  if (l?.call?.status !== "ringing") return;
  l.hold = "none";
  l.call.accept();
  renderCallBar();
}

export function toggleMute(): void {
  const chat = activeChat();
  const call = chat && voice.lines.get(chat.conv.id)?.call;
  if (!call || (call.status !== "connecting" && call.status !== "open")) return;
  call.mute(!call.muted); // the SDK's mute event redraws
}

export async function toggleHold(): Promise<void> {
  const chat = activeChat();
  if (!chat || !isLiveCall(chat.conv) || !canWrite(chat) || callStatus(chat) === "ended") return;
  const l = line(chat.conv.id);
  if (l.busy) return;
  const onHold = l.hold !== "held";
  const before = l.hold;
  l.busy = true;
  l.hold = onHold ? "holding" : "resuming";
  renderCallBar();
  const ok = await invoke("HoldCall", { conversationId: chat.conv.id, onHold });
  l.busy = false;
  // Taken back: the server rings this browser again and the call is answered when it comes.
  if (!ok) l.hold = before;
  else if (onHold) l.hold = "held";
  renderCallBar();
}

export async function hangUp(): Promise<void> {
  const chat = activeChat();
  if (!chat || !isLiveCall(chat.conv) || !canWrite(chat) || callStatus(chat) === "ended") return;
  const l = line(chat.conv.id);
  if (l.busy) return;
  l.busy = true;
  renderCallBar();
  const ok = await invoke("HangUpCall", { conversationId: chat.conv.id });
  l.busy = false;
  // If Twilio did not end the call, dropping our leg still ends it: nothing follows the Dial.
  if (ok || l.call) {
    l.ended = true;
    l.hold = "none";
    if (l.call && l.call.status !== "closed") l.call.disconnect();
  }
  renderCallBar();
}

/** After WarmTransfer: the agent is being rung into the call, and this browser's leg moves into the conference. */
export function warmTransferStarted(conversationId: string, agentId: string, name: string): void {
  const l = line(conversationId);
  l.warm = { agentId, name };
  l.moving = true;
  renderCallBar();
}

async function finishWarmTransfer(chat: Chat, complete: boolean): Promise<void> {
  const l = line(chat.conv.id);
  if (!l.warm || l.busy) return;
  l.busy = true;
  renderCallBar();
  const ok = await invoke(complete ? "CompleteWarmTransfer" : "CancelWarmTransfer", { conversationId: chat.conv.id, agentId: l.warm.agentId });
  l.busy = false;
  if (ok) {
    if (complete) toast(t("warmCompleted", l.warm.name));
    l.warm = null;
  }
  renderCallBar();
}

const statusKeys: Record<CallStatus, Key> = {
  waiting: "callWaiting",
  ringing: "callRinging",
  connecting: "callConnecting",
  connected: "callConnected",
  onHold: "callOnHold",
  ended: "callEnded",
};

/** The call bar under the chat header of a voice conversation. */
export function renderCallBar(): void {
  const bar = document.getElementById("callbar");
  const chat = activeChat();
  if (!bar) return;
  clear(bar);
  if (!chat) return;
  if (isFollowUp(chat.conv)) {
    renderCallBack(bar, chat);
    return;
  }
  if (!isLiveCall(chat.conv)) return;
  const status = callStatus(chat);
  const l = voice.lines.get(chat.conv.id);
  const mine = canWrite(chat);
  const live = mine && status !== "ended";
  const call = l?.call ?? null;
  const talking = call?.status === "connecting" || call?.status === "open";
  const statusText = t(statusKeys[status]) + (status === "waiting" && voice.phoneState !== "registered" ? ` – ${t("phoneNotReady")}` : "");
  bar.append(
    h("span", { class: "call-icon", "aria-hidden": "true", text: "📞" }),
    h("span", { class: `call-status call-${status}`, role: "status", "aria-live": "polite", "data-testid": "call-status", "data-state": status, text: statusText }),
  );
  if (l?.warm) bar.append(h("span", { class: "call-warm", "data-testid": "call-warm-with", text: t("warmWith", l.warm.name) }));
  if (!live) return;
  const busy = l?.busy ?? false;
  const held = status === "onHold";
  const warm = l?.warm ?? null;
  bar.append(
    h(
      "div",
      { class: "call-actions", role: "group", "aria-label": t("callControls") },
      status === "ringing" ? h("button", { type: "button", class: "btn btn-primary", "data-testid": "call-answer", onclick: () => answer(chat), text: t("answer") }) : null,
      h("button", { type: "button", class: "btn", disabled: !talking, "aria-pressed": String(call?.muted ?? false), title: "Alt+M", "data-testid": "call-mute", onclick: () => toggleMute(), text: call?.muted ? t("unmute") : t("mute") }),
      h("button", { type: "button", class: "btn", disabled: busy, "aria-pressed": String(held), title: "Alt+H", "data-testid": "call-hold", onclick: () => void toggleHold(), text: held ? t("resume") : t("hold") }),
      warm
        ? h("button", { type: "button", class: "btn btn-primary", disabled: busy, "data-testid": "call-warm-complete", onclick: () => void finishWarmTransfer(chat, true), text: t("warmComplete") })
        : h("button", { type: "button", class: "btn", disabled: busy || held, "data-testid": "call-warm", onclick: () => warmTransferDialog(), text: t("warmTransfer") }),
      warm ? h("button", { type: "button", class: "btn", disabled: busy, "data-testid": "call-warm-cancel", onclick: () => void finishWarmTransfer(chat, false), text: t("warmCancel") }) : null,
      h("button", { type: "button", class: "btn btn-danger", disabled: busy, "data-testid": "call-hangup", onclick: () => void hangUp(), text: t("hangUp") }),
    ),
  );
}

const outgoingKeys: Record<PhoneCall["status"], Key> = {
  ringing: "callRinging",
  connecting: "callConnecting",
  open: "callConnected",
  closed: "callEnded",
};

/** A voicemail or callback task: who to call, and a button that calls them back from this browser. */
function renderCallBack(bar: HTMLElement, chat: Chat): void {
  const who = chat.customerName ?? chat.conv.customerId.replace(/^tel-/, "+");
  const call = voice.lines.get(chat.conv.id)?.call ?? null;
  const talking = call !== null && call.status !== "closed";
  bar.append(h("span", { class: "call-icon", "aria-hidden": "true", text: "📞" }), h("span", { class: "call-back", "data-testid": "call-back", text: t("callBack", who) }));
  if (talking) {
    bar.append(
      h("span", { class: `call-status call-${call.status}`, role: "status", "aria-live": "polite", "data-testid": "call-status", "data-state": call.status, text: t(outgoingKeys[call.status]) }),
      h(
        "div",
        { class: "call-actions", role: "group", "aria-label": t("callControls") },
        h("button", { type: "button", class: "btn", disabled: call.status !== "open", "aria-pressed": String(call.muted), title: "Alt+M", "data-testid": "call-mute", onclick: () => call.mute(!call.muted), text: call.muted ? t("unmute") : t("mute") }),
        h("button", { type: "button", class: "btn btn-danger", "data-testid": "call-hangup", onclick: () => call.disconnect(), text: t("hangUp") }),
      ),
    );
    return;
  }
  const ready = canWrite(chat) && chat.conv.status === "Active" && voice.phone !== null && voice.phoneState === "registered";
  bar.append(h("span", { class: "muted small", text: t("callBackHint") }));
  if (voice.enabled) {
    bar.append(h("button", { type: "button", class: "btn btn-primary", disabled: !ready, "data-testid": "call-back-now", onclick: () => void callBack(chat), text: t("callBackNow") }));
  }
}

async function callBack(chat: Chat): Promise<void> {
  if (!voice.phone) return;
  try {
    line(chat.conv.id).call = await voice.phone.call({ ConversationId: chat.conv.id });
  } catch (err) {
    toast(t("phoneFailed", err instanceof Error ? err.message : String(err)), "error");
  }
  renderCallBar();
}

/** The phone's state in the top bar (only when voice is on). */
export function phoneIndicator(): HTMLElement | null {
  if (!voice.enabled) return null;
  const key: Key = voice.phoneState === "registered" ? "phoneReady" : voice.phoneState === "registering" ? "phoneConnecting" : voice.phoneState === "error" ? "phoneError" : "phoneOffline";
  return h(
    "span",
    { class: `phone phone-${voice.phoneState}`, id: "phone", "data-testid": "phone", "data-state": voice.phoneState, title: voice.phoneError ? `${t(key)}: ${voice.phoneError}` : t(key) },
    h("span", { "aria-hidden": "true", text: "📞" }),
    h("span", { class: "phone-label", text: t(key) }),
  );
}

function renderPhone(): void {
  const el = document.getElementById("phone");
  const next = phoneIndicator();
  if (el && next) el.replaceWith(next);
  else if (!el && next) document.getElementById("topbar")?.querySelector(".conn")?.before(next);
}

/** Calls that rang for no known conversation, at the top of the left column. */
export function incomingSection(): HTMLElement | null {
  const calls = voice.unmatched.filter((c) => c.status !== "closed");
  if (!calls.length) return null;
  return h(
    "section",
    { class: "side-section", "data-testid": "incoming-calls" },
    h("h2", { class: "side-title", text: t("incomingCalls") }),
    ...calls.map((call) =>
      h(
        "article",
        { class: "offer offer-call", "data-testid": "incoming-call" },
        h("div", { class: "offer-head" }, h("span", { class: "offer-customer", text: call.from || t("unknownCaller") }), h("span", { class: "chip chip-voice", text: `📞 ${t(call.status === "ringing" ? "callRinging" : "callConnecting")}` })),
        h(
          "div",
          { class: "offer-actions" },
          call.status === "ringing" ? h("button", { type: "button", class: "btn btn-primary", "data-testid": "incoming-answer", onclick: () => call.accept(), text: t("answer") }) : null,
          call.status === "ringing"
            ? h("button", { type: "button", class: "btn", "data-testid": "incoming-reject", onclick: () => call.reject(), text: t("decline") })
            : h("button", { type: "button", class: "btn btn-danger", "data-testid": "incoming-hangup", onclick: () => call.disconnect(), text: t("hangUp") }),
        ),
      ),
    ),
  );
}
