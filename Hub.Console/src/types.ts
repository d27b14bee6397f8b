// Wire shapes of the agent hub and the HTTP API (see docs/protocol/agent-hub.md and docs/protocol/http.md).

export type PresenceStatus = "Offline" | "Available" | "Busy" | "Away";
export type ConversationStatus = "Waiting" | "Active" | "Ended" | "Resolved";

export interface AgentProfile {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  levels: number[];
  skills: string[];
  chatCapacity: number;
  voiceCapacity: number;
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  agent: AgentProfile;
}

export interface ConversationDto {
  id: string;
  channel: string;
  status: ConversationStatus;
  level: number;
  skill: string | null;
  priority: number;
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
  rating: number | null;
}

export interface MessageDto {
  conversationId: string;
  seq: number;
  clientMessageId: string | null;
  senderRole: "Customer" | "Agent" | "System";
  senderName: string | null;
  /** Transcript: what was said on a phone call (Twilio's transcription), never typed by anyone. */
  kind: "Text" | "System" | "PrivateNote" | "Transcript";
  text: string;
  sentAt: string;
}

export interface ResumeResult {
  conversation: ConversationDto;
  messages: MessageDto[];
  hasMore: boolean;
}

export interface SendMessageResult {
  seq: number;
  sentAt: string;
  duplicate: boolean;
}

export interface QueueItemDto {
  conversationId: string;
  ticketNumber: number;
  customerName: string | null;
  topic: string | null;
  level: number;
  priority: number;
  waitingSince: string;
  channel: string;
}

export interface OfferDto {
  conversationId: string;
  ticketNumber: number;
  customerName: string | null;
  topic: string | null;
  level: number;
  channel: string;
  waitingSince: string;
  deadline: string;
}

export interface PresenceDto {
  agentId: string;
  displayName: string;
  status: PresenceStatus;
  liveConnections: number;
  levels: number[];
  skills: string[];
  chatLoad: number;
  chatCapacity: number;
  voiceLoad: number;
  voiceCapacity: number;
}

export interface VoiceTokenDto {
  identity: string;
  token: string;
}

export interface TypingDto {
  conversationId: string;
  role: "Customer" | "Agent";
  name: string | null;
  isTyping: boolean;
}

export interface ReadDto {
  conversationId: string;
  role: "Customer" | "Agent";
  seq: number;
}

export interface LevelChange {
  level: number;
  at: string;
  byAgentId: string | null;
  reason: string | null;
}

export interface TicketDto {
  id: string;
  number: number;
  customerId: string;
  subject: string | null;
  status: string;
  level: number;
  levelHistory: LevelChange[];
  conversationIds: string[];
  lastAgentId: string | null;
  resolution: string | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
}

export interface CustomerDto {
  id: string;
  name: string | null;
  email: string | null;
  verified: boolean;
  createdAt: string;
  lastSeenAt: string;
}
