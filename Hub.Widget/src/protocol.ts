// Wire types of the customer hub (docs/protocol/customer-hub.md). Enums travel as strings.

export type ConversationStatus = "Waiting" | "Active" | "Ended" | "Resolved";
export type SenderRole = "Customer" | "Agent" | "System";
export type MessageKind = "Text" | "System" | "PrivateNote";

export interface VisitorSession {
  customerId: string;
  token: string;
  expiresAt: string;
  /** Set when the session belongs to a verified site user (identify with userId and userHash). */
  userId?: string | null;
}

export interface MessageDto {
  conversationId: string;
  seq: number;
  clientMessageId: string | null;
  senderRole: SenderRole;
  senderName: string | null;
  kind: MessageKind;
  text: string;
  sentAt: string;
}

export interface ConversationDto {
  id: string;
  status: ConversationStatus;
  level: number;
  topic: string | null;
  customerId: string;
  assignedAgentId: string | null;
  assignedAgentName: string | null;
  ticketNumber: number;
  lastSeq: number;
  customerReadSeq: number;
  agentReadSeq: number;
  createdAt: string;
  assignedAt: string | null;
  closedAt: string | null;
  /** CSAT score once rated (servers before the rating feature leave it out). */
  rating?: number | null;
}

export interface StartConversationRequest {
  name: string | null;
  email: string | null;
  topic: string | null;
  text: string;
  clientMessageId: string;
}

export interface StartConversationResult {
  conversationId: string;
  ticketNumber: number;
  message: MessageDto;
  duplicate: boolean;
  agentsAvailable: boolean;
}

export interface SendMessageResult {
  seq: number;
  sentAt: string;
  duplicate: boolean;
}

export interface ResumeResult {
  conversation: ConversationDto;
  messages: MessageDto[];
  hasMore: boolean;
}

export interface TypingDto {
  conversationId: string;
  role: SenderRole;
  name: string | null;
  isTyping: boolean;
}

export interface ReadDto {
  conversationId: string;
  role: SenderRole;
  seq: number;
}

export interface QueuePositionDto {
  conversationId: string;
  level: number;
  position: number;
  estimatedWaitSeconds: number | null;
}

export interface AgentsUnavailableDto {
  conversationId: string;
  reason: string;
}

export interface LeaveMessageResult {
  ticketNumber: number;
  seq: number;
}

export type HubErrorCode = "validation_failed" | "not_found" | "forbidden" | "conflict" | "conversation_closed";

const codes = new Set<string>(["validation_failed", "not_found", "forbidden", "conflict", "conversation_closed"]);

/** A Hub protocol error (`... HubException: code: detail`), or null for transport and other failures. */
export function readHubError(error: unknown): { code: HubErrorCode; detail: string } | null {
  const message = error instanceof Error ? error.message : String(error);
  const marker = "HubException: ";
  const at = message.indexOf(marker);
  if (at < 0) return null;
  const rest = message.slice(at + marker.length);
  const sep = rest.indexOf(": ");
  const code = sep >= 0 ? rest.slice(0, sep) : "";
  return codes.has(code) ? { code: code as HubErrorCode, detail: rest.slice(sep + 2) } : null;
}

export const isOpen = (status: ConversationStatus | undefined): boolean => status === "Waiting" || status === "Active";
