// The customer panel: contact, the current ticket with its level history, and earlier tickets.
import { clear, h } from "../dom";
import { formatDateTime, statusText, t } from "../i18n";
import { activeChat } from "../store";
import type { TicketDto } from "../../../Hub.Widget/src/protocol";

function row(label: string, value: Node | string, testId?: string): HTMLElement {
  return h("div", { class: "kv" }, h("span", { class: "kv-k", text: label }), h("span", { class: "kv-v", "data-testid": testId ?? null }, value));
}

function statusChip(status: string): HTMLElement {
  return h("span", { class: `status status-${status.toLowerCase()}`, "data-status": status, text: statusText(status) });
}

function ticketBlock(ticket: TicketDto): HTMLElement {
  return h(
    "div",
    { class: "ticket", "data-testid": "current-ticket" },
    h("div", { class: "ticket-head" }, h("strong", { text: t("ticket", ticket.number) }), statusChip(ticket.status)),
    ticket.subject ? row(t("topic"), ticket.subject) : null,
    row(t("level", "").trim(), String(ticket.level), "ticket-level"),
    row(t("created"), formatDateTime(ticket.createdAt)),
    h("h4", { text: t("levelHistory") }),
    h(
      "ol",
      { class: "history", "data-testid": "level-history" },
      ...ticket.levelHistory.map((c) => h("li", null, h("span", { class: "chip chip-level", text: t("levelShort", c.level) }), h("span", { class: "history-reason", text: c.reason ?? "" }), h("time", { text: formatDateTime(c.at) }))),
    ),
  );
}

export function renderCustomer(): void {
  const panel = document.getElementById("customer");
  if (!panel) return;
  clear(panel);
  const chat = activeChat();
  if (!chat) return;
  let name = chat.contact?.name ?? chat.customerName;
  for (const m of chat.messages.values()) if (!name && m.senderRole === "Customer" && m.senderName) name = m.senderName;
  panel.append(
    h(
      "section",
      { class: "card" },
      h("h3", { text: t("contact") }),
      h("div", { class: "contact-name", "data-testid": "contact-name", text: name ?? t("unknownCustomer") }),
      row(t("email"), chat.contact?.email ? h("span", { "data-testid": "contact-email", text: chat.contact.email }) : h("span", { class: "muted", text: t("emailUnknown") })),
      row(t("customerId"), h("code", { class: "id", title: chat.conv.customerId, text: chat.conv.customerId })),
      chat.conv.topic ? row(t("topic"), chat.conv.topic) : null,
    ),
  );
  const current = h("section", { class: "card" }, h("h3", { text: t("currentTicket") }));
  if (chat.ticket) current.appendChild(ticketBlock(chat.ticket));
  else current.appendChild(h("p", { class: "muted", text: chat.ticketError ? t("errorPrefix", chat.ticketError) : t("loading") }));
  panel.appendChild(current);
  const previous = (chat.tickets ?? []).filter((x) => x.number !== chat.conv.ticketNumber);
  panel.appendChild(
    h(
      "section",
      { class: "card" },
      h("h3", { text: t("previousTickets") }),
      previous.length
        ? h(
            "ul",
            { class: "prev-tickets", "data-testid": "previous-tickets" },
            ...previous.map((x) =>
              h("li", null, h("div", { class: "ticket-head" }, h("strong", { text: `#${x.number}` }), statusChip(x.status)), h("div", { class: "prev-subject", text: x.subject ?? "" }), h("div", { class: "muted small", text: formatDateTime(x.createdAt) }), x.resolution ? h("div", { class: "prev-resolution", text: x.resolution }) : null),
            ),
          )
        : h("p", { class: "muted", text: chat.tickets ? t("noPreviousTickets") : t("loading") }),
    ),
  );
}
