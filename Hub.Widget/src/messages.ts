import { h, linkify } from "./dom";
import { format, type Texts } from "./i18n";
import type { MessageDto } from "./protocol";
import type { OutboxEntry } from "./store";

/**
 * The message list: acknowledged messages by seq (each seq once, in seq order), then the outbox's
 * pending ones, and the "Read" marker under the customer's last message.
 */
export class MessageLog {
  private readonly bySeq = new Map<number, { dto: MessageDto; el: HTMLElement }>();
  private readonly pending = new Map<string, HTMLElement>();
  private agentReadSeq = 0;
  private readMarker: HTMLElement | null = null;

  constructor(
    private readonly list: HTMLOListElement,
    private readonly t: Texts,
  ) {}

  get size(): number {
    return this.bySeq.size;
  }

  maxSeq(): number {
    let max = 0;
    for (const seq of this.bySeq.keys()) max = Math.max(max, seq);
    return max;
  }

  /** Removes everything, except the pending message of the given client id (a start being answered). */
  clear(keepPending?: string): void {
    for (const { el } of this.bySeq.values()) el.remove();
    this.bySeq.clear();
    for (const [id, el] of this.pending) {
      if (id === keepPending) continue;
      el.remove();
      this.pending.delete(id);
    }
    this.agentReadSeq = 0;
    this.renderRead();
  }

  /** Shows a message at its place by seq; false when that seq is shown already. */
  add(m: MessageDto): boolean {
    if (this.bySeq.has(m.seq)) return false;
    if (m.clientMessageId) {
      this.pending.get(m.clientMessageId)?.remove();
      this.pending.delete(m.clientMessageId);
    }
    const el = this.element(m);
    let before: { seq: number; el: HTMLElement } | null = null;
    for (const [seq, item] of this.bySeq) {
      if (seq > m.seq && (!before || before.seq > seq)) before = { seq, el: item.el };
    }
    const firstPending = this.pending.values().next().value ?? null;
    this.list.insertBefore(el, before?.el ?? firstPending);
    this.bySeq.set(m.seq, { dto: m, el });
    this.renderRead();
    return true;
  }

  /** Shows an outbox entry as pending, unless it is pending or stored already. */
  addPending(entry: OutboxEntry): void {
    if (this.pending.has(entry.clientMessageId)) return;
    for (const { dto } of this.bySeq.values()) if (dto.clientMessageId === entry.clientMessageId) return;
    const bubble = h("div", { class: "bubble" });
    bubble.append(linkify(entry.text));
    const li = h(
      "li",
      { class: "msg own pending", "data-client-id": entry.clientMessageId },
      h("span", { class: "sender" }, this.t.you),
      bubble,
      h("span", { class: "meta" }, this.t.pending),
    );
    this.list.append(li);
    this.pending.set(entry.clientMessageId, li);
  }

  /** Turns a pending message into a failed one, with the reason. */
  fail(clientMessageId: string, reason: string): void {
    const li = this.pending.get(clientMessageId);
    if (!li) return;
    this.pending.delete(clientMessageId);
    li.className = "msg own failed";
    const meta = li.querySelector(".meta");
    if (meta) meta.textContent = format(this.t.failed, { reason });
  }

  /** Another tab changed the outbox: pending messages follow it. */
  followOutbox(entries: OutboxEntry[]): void {
    const ids = new Set(entries.map((e) => e.clientMessageId));
    for (const [id, el] of this.pending) {
      if (ids.has(id)) continue;
      el.remove();
      this.pending.delete(id);
    }
    for (const entry of entries) this.addPending(entry);
  }

  hasClientMessageId(clientMessageId: string): boolean {
    for (const { dto } of this.bySeq.values()) if (dto.clientMessageId === clientMessageId) return true;
    return false;
  }

  /** Messages of the agent side (agent and system) after the given seq. */
  unreadAfter(seen: number): number {
    let n = 0;
    for (const [seq, { dto }] of this.bySeq) if (seq > seen && dto.senderRole !== "Customer") n++;
    return n;
  }

  agentRead(seq: number): void {
    this.agentReadSeq = Math.max(this.agentReadSeq, seq);
    this.renderRead();
  }

  private element(m: MessageDto): HTMLElement {
    const own = m.senderRole === "Customer";
    const system = m.kind === "System" || m.senderRole === "System";
    const bubble = h("div", { class: "bubble" });
    bubble.append(linkify(m.text));
    const li = h("li", { class: system ? "msg system" : own ? "msg own" : "msg agent", "data-seq": String(m.seq), "data-role": m.senderRole });
    if (!system) li.append(h("span", { class: "sender" }, own ? this.t.you : (m.senderName ?? this.t.title)));
    li.append(bubble);
    return li;
  }

  /** "Read" under the customer's last message once the agent side has read up to it. */
  private renderRead(): void {
    let last: { dto: MessageDto; el: HTMLElement } | null = null;
    for (const item of this.bySeq.values()) {
      if (item.dto.senderRole === "Customer" && (!last || item.dto.seq > last.dto.seq)) last = item;
    }
    if (!last || this.agentReadSeq < last.dto.seq) {
      this.readMarker?.remove();
      this.readMarker = null;
      return;
    }
    if (this.readMarker?.parentElement === last.el) return;
    this.readMarker?.remove();
    this.readMarker = h("span", { class: "meta read" }, this.t.read);
    last.el.append(this.readMarker);
  }
}
