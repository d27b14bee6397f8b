// One line of the transcript: a message, a private note, a system line or a spoken line of a call.
import { h, linkify } from "../../dom";
import { formatTime, statusText, t } from "../../i18n";
import { canWrite, isOpen, type Chat } from "../../store";
import type { MessageDto } from "../../../../Hub.Widget/src/protocol";

export function statusBanner(chat: Chat): HTMLElement | null {
  if (!isOpen(chat)) return h("div", { class: "banner", "data-testid": "chat-closed", text: t("conversationClosed", statusText(chat.conv.status)) });
  if (!canWrite(chat)) return h("div", { class: "banner", "data-testid": "chat-handed-off", text: t("handedOff", chat.conv.assignedAgentName ?? t(chat.conv.status === "Waiting" ? "queue" : "readOnly")) });
  return null;
}

export function messageEl(chat: Chat, m: MessageDto, lastOwnSeq: number): HTMLElement {
  if (m.kind === "System") {
    return h("div", { class: "msg msg-system", "data-testid": "msg", "data-kind": "System", "data-seq": m.seq }, h("span", { class: "msg-text", text: m.text }), h("time", { text: formatTime(m.sentAt) }));
  }
  if (m.kind === "Transcript") return transcriptEl(m);
  const note = m.kind === "PrivateNote";
  const side = m.senderRole === "Customer" ? "in" : "out";
  const read = m.senderRole === "Agent" && !note && m.seq <= chat.conv.customerReadSeq;
  const receipt = m.senderRole === "Agent" && !note ? h("span", { class: `receipt${read ? " read" : ""}`, title: read ? t("read") : t("sent"), "data-testid": read ? "receipt-read" : "receipt-sent", text: read ? (m.seq === lastOwnSeq ? `✓✓ ${t("read")}` : "✓✓") : "✓" }) : null;
  const text = h("div", { class: "msg-text" });
  text.appendChild(linkify(m.text));
  return h(
    "div",
    { class: `msg msg-${side}${note ? " msg-note" : ""}`, "data-testid": "msg", "data-kind": m.kind, "data-seq": m.seq },
    h("div", { class: "msg-meta" }, note ? h("span", { class: "note-label", text: t("privateNote") }) : null, h("span", { class: "msg-from", text: m.senderName ?? (side === "in" ? t("unknownCustomer") : t("system")) }), h("time", { text: formatTime(m.sentAt) }), receipt),
    text,
  );
}

/** A spoken line of a call, as Twilio transcribed it: nobody typed it, so no receipts and its own label. */
function transcriptEl(m: MessageDto): HTMLElement {
  const caller = m.senderRole === "Customer";
  return h(
    "div",
    { class: `msg msg-spoken msg-${caller ? "in" : "out"}`, "data-testid": "msg", "data-kind": "Transcript", "data-seq": m.seq, "data-speaker": caller ? "caller" : "agent" },
    h("div", { class: "msg-meta" }, h("span", { class: "spoken-label", text: `🎙 ${t("transcriptLabel")}` }), h("span", { class: "msg-from", text: m.senderName ?? (caller ? t("caller") : t("agent")) }), h("time", { text: formatTime(m.sentAt) })),
    h("div", { class: "msg-text", text: m.text }),
  );
}
