import type { ChatState, FailedEntry } from "./state";
import { h, linkify } from "./dom";
import { format, type Texts } from "./i18n";
import type { MessageDto } from "./protocol";
import type { OutboxEntry } from "./store";

type Row = { key: string; message: MessageDto } | { key: string; entry: OutboxEntry; failed?: FailedEntry };

/**
 * The message list, drawn from the state: acknowledged messages by seq, a refused one where it
 * failed, then the pending ones, and "Read" under the customer's last message. Each element is made
 * once and kept (by seq, or by client id for a pending message that fails), so the live region only
 * announces what is new.
 */
export class MessageList {
  private readonly shown = new Map<string, HTMLElement>();
  private readMarker: HTMLElement | null = null;
  private drawn: Pick<ChatState, "messages" | "pending" | "failed" | "agentReadSeq"> | null = null;

  constructor(
    private readonly list: HTMLOListElement,
    private readonly t: Texts,
  ) {}

  /** Brings the list in line with the state; true when an element was added. */
  render(state: ChatState): boolean {
    const d = this.drawn;
    if (d && d.messages === state.messages && d.pending === state.pending && d.failed === state.failed && d.agentReadSeq === state.agentReadSeq) return false;
    this.drawn = state;
    const rows = this.rows(state);
    const wanted = new Set(rows.map((r) => r.key));
    for (const [key, el] of this.shown) {
      if (wanted.has(key)) continue;
      el.remove();
      this.shown.delete(key);
    }
    let added = false;
    let cursor = this.list.firstChild;
    for (const row of rows) {
      let el = this.shown.get(row.key);
      if (!el) {
        el = "message" in row ? this.message(row.message) : this.own(row.entry);
        this.shown.set(row.key, el);
        added = true;
      }
      if (!("message" in row)) this.mark(el, row.failed);
      if (el === cursor) cursor = cursor.nextSibling;
      else this.list.insertBefore(el, cursor);
    }
    this.renderRead(state);
    return added;
  }

  private rows(state: ChatState): Row[] {
    const rows: Row[] = [];
    const failed = state.failed;
    let f = 0;
    for (const m of state.messages) {
      for (; f < failed.length && failed[f].afterSeq < m.seq; f++) rows.push({ key: `c:${failed[f].entry.clientMessageId}`, entry: failed[f].entry, failed: failed[f] });
      rows.push({ key: `s:${m.seq}`, message: m });
    }
    for (; f < failed.length; f++) rows.push({ key: `c:${failed[f].entry.clientMessageId}`, entry: failed[f].entry, failed: failed[f] });
    for (const entry of state.pending) rows.push({ key: `c:${entry.clientMessageId}`, entry });
    return rows;
  }

  private message(m: MessageDto): HTMLElement {
    const own = m.senderRole === "Customer";
    const system = m.kind === "System" || m.senderRole === "System";
    const bubble = h("div", { class: "bubble" });
    bubble.append(linkify(m.text));
    const li = h("li", { class: system ? "msg system" : own ? "msg own" : "msg agent", "data-seq": String(m.seq), "data-role": m.senderRole });
    if (!system) li.append(h("span", { class: "sender" }, own ? this.t.you : (m.senderName ?? this.t.title)));
    li.append(bubble);
    return li;
  }

  /** A message written here that has no seq yet. */
  private own(entry: OutboxEntry): HTMLElement {
    const bubble = h("div", { class: "bubble" });
    bubble.append(linkify(entry.text));
    return h(
      "li",
      { class: "msg own pending", "data-client-id": entry.clientMessageId },
      h("span", { class: "sender" }, this.t.you),
      bubble,
      h("span", { class: "meta" }, this.t.pending),
    );
  }

  /** Pending, or failed with the reason. */
  private mark(li: HTMLElement, failed: FailedEntry | undefined): void {
    const className = failed ? "msg own failed" : "msg own pending";
    if (li.className === className) return;
    li.className = className;
    const meta = li.querySelector(".meta");
    if (meta) meta.textContent = failed ? format(this.t.failed, { reason: failed.reason }) : this.t.pending;
  }

  /** "Read" under the customer's last message once the agent side has read up to it. */
  private renderRead(state: ChatState): void {
    let last: MessageDto | null = null;
    for (const m of state.messages) if (m.senderRole === "Customer") last = m;
    const el = last && state.agentReadSeq >= last.seq ? this.shown.get(`s:${last.seq}`) : undefined;
    if (!el) {
      this.readMarker?.remove();
      this.readMarker = null;
      return;
    }
    if (this.readMarker?.parentElement === el) return;
    this.readMarker?.remove();
    this.readMarker = h("span", { class: "meta read" }, this.t.read);
    el.append(this.readMarker);
  }
}
