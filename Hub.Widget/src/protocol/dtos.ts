// Requests, results and event payloads of the customer and agent hubs (Hub.Server's ChatContracts.cs,
// RoutingContracts.cs and the calls feature). Times are ISO 8601 strings; 64-bit numbers fit a number.
import type { CallKind, Channel, ConversationStatus, MessageKind, PresenceStatus, SenderRole } from "./enums";

export interface ConversationDto {
  id: string;
  channel: Channel;
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
  /** CSAT score once rated. */
  rating: number | null;
  /** The phone call behind a voice conversation; null for a chat. Never read call data out of `id`. */
  call: CallDto | null;
}

/** A voice conversation's call: a caller on the line (Live) or a voicemail/callback task it left (FollowUp). */
export interface CallDto {
  callSid: string;
  kind: CallKind;
  /** The caller's number (E.164); null when Twilio gave none that can be called back. */
  callerNumber: string | null;
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
  /** False when no agent is online: offer the customer to leave a message (LeaveMessage). */
  agentsAvailable: boolean;
}

export interface SendMessageRequest {
  conversationId: string;
  clientMessageId: string;
  text: string;
}

export interface SendMessageResult {
  seq: number;
  sentAt: string;
  duplicate: boolean;
}

export interface TypingRequest {
  conversationId: string;
  isTyping: boolean;
}

export interface MarkReadRequest {
  conversationId: string;
  seq: number;
}

export interface ResumeRequest {
  conversationId: string;
  afterSeq: number;
}

export interface ResumeResult {
  conversation: ConversationDto;
  messages: MessageDto[];
  hasMore: boolean;
}

export interface ConversationRequest {
  conversationId: string;
}

export interface RateConversationRequest {
  conversationId: string;
  /** 1 (poor) to 5 (excellent). */
  score: number;
  comment: string | null;
}

export interface ResolveRequest {
  conversationId: string;
  resolution: string;
}

export interface LeaveMessageRequest {
  conversationId: string;
  clientMessageId: string;
  text: string;
  email: string | null;
}

export interface LeaveMessageResult {
  ticketNumber: number;
  seq: number;
}

export interface QueueItemDto {
  conversationId: string;
  ticketNumber: number;
  customerName: string | null;
  topic: string | null;
  level: number;
  priority: number;
  waitingSince: string;
  channel: Channel;
}

export interface QueuePageRequest {
  level: number;
  skip: number;
}

export interface QueuePageDto {
  level: number;
  skip: number;
  items: QueueItemDto[];
  hasMore: boolean;
}

export interface FloodDto {
  startedFrom: string;
  waiting: number;
  visitors: number;
  oldestWaitingSince: string;
}

export interface PurgeFloodRequest {
  startedFrom: string;
}

export interface PurgeFloodResult {
  closed: number;
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

export interface OfferDto {
  conversationId: string;
  ticketNumber: number;
  customerName: string | null;
  topic: string | null;
  level: number;
  channel: Channel;
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

export interface PresenceChangedDto {
  agentId: string;
  status: PresenceStatus;
}

export interface SetPresenceRequest {
  status: PresenceStatus;
}

export interface EscalateRequest {
  conversationId: string;
  level: number;
  reason: string;
  handoffNote: string;
}

export interface TransferRequest {
  conversationId: string;
  agentId: string;
  note: string;
}

export interface ReassignRequest {
  conversationId: string;
  agentId: string;
}

export interface HoldCallRequest {
  conversationId: string;
  onHold: boolean;
}

export interface WarmTransferRequest {
  conversationId: string;
  agentId: string;
  /** For the agent brought in (starting only): what the call is about. */
  note?: string | null;
}
