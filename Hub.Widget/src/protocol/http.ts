// Bodies of the HTTP API the widget and the console call (/api/visitors, /api/auth, /api/tickets,
// /api/customers, /api/voice/token). Errors come back as ProblemDetails.
import type { AgentRole, TicketStatus } from "./enums";

export interface CreateVisitorRequest {
  name: string | null;
  email: string | null;
  /** Legacy identity: the site's user id; needs userHash and Hub:Identity:AllowLegacyHmac. */
  userId?: string | null;
  /** Legacy identity: hex(HMAC-SHA256(site secret, userId)), computed by the site's server. */
  userHash?: string | null;
  /** The identity JWT signed by the site's server (sub, exp, optional name and email). */
  identityToken?: string | null;
}

export interface VisitorSession {
  customerId: string;
  token: string;
  expiresAt: string;
  /** Kept by the widget, not sent: set when the session belongs to a verified site user. */
  userId?: string | null;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface AgentProfile {
  id: string;
  email: string;
  displayName: string;
  roles: AgentRole[];
  levels: number[];
  skills: string[];
  chatCapacity: number;
  voiceCapacity: number;
  /** The phone accepted calls ring; null: the console's browser phone. */
  phoneNumber: string | null;
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  agent: AgentProfile;
}

export interface SetPhoneRequest {
  phoneNumber: string | null;
}

/** An account as /api/admin/agents answers it (admins and supervisors). */
export interface AgentAccountDto {
  id: string;
  email: string;
  displayName: string;
  roles: AgentRole[];
  levels: number[];
  skills: string[];
  chatCapacity: number;
  voiceCapacity: number;
  disabled: boolean;
  passwordSet: boolean;
  /** Set while a one-time link is open. */
  invitationExpiresAt: string | null;
  createdAt: string;
}

export interface CreateAgentRequest {
  email: string;
  displayName: string;
  /** null: the answer carries a one-time link with which the agent sets it. */
  password: string | null;
  roles: AgentRole[];
  levels: number[];
  skills: string[];
  chatCapacity: number;
  voiceCapacity: number;
}

export interface UpdateAgentRequest {
  displayName: string;
  roles: AgentRole[];
  levels: number[];
  skills: string[];
  chatCapacity: number;
  voiceCapacity: number;
}

/** A one-time link: append path to the Hub's address. */
export interface PasswordLink {
  token: string;
  path: string;
  expiresAt: string;
}

export interface CreatedAgent {
  agent: AgentAccountDto;
  link: PasswordLink | null;
}

export interface AcceptInvitationRequest {
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface LevelChange {
  level: number;
  at: string;
  byAgentId: string | null;
  reason: string | null;
  /** The hand-off note the escalating agent left for the next level. */
  note: string | null;
}

/** /api/tickets answers the server's Ticket as it is stored. */
export interface TicketDto {
  id: string;
  number: number;
  customerId: string;
  subject: string | null;
  status: TicketStatus;
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
  /** True for a site user whose identity was verified. */
  verified: boolean;
  createdAt: string;
  lastSeenAt: string;
  /** The number a caller called from (E.164); null for chat-only customers. */
  phoneNumber: string | null;
  /** True when name is the one the site signed (the visitor cannot change it). */
  nameVerified: boolean;
  /** True when email is the one the site signed (the visitor cannot change it). */
  emailVerified: boolean;
}

export interface VoiceTokenDto {
  identity: string;
  token: string;
}
