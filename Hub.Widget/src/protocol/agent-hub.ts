// The agent hub, /hubs/agent (Hub.Server's AgentHub, its call controls, and IAgentClient).
import type {
  ConversationDto,
  ConversationRequest,
  EscalateRequest,
  FloodDto,
  HoldCallRequest,
  MarkReadRequest,
  OfferDto,
  PresenceChangedDto,
  PresenceDto,
  PurgeFloodRequest,
  PurgeFloodResult,
  QueueItemDto,
  QueuePageDto,
  QueuePageRequest,
  ReassignRequest,
  ResolveRequest,
  ResumeRequest,
  ResumeResult,
  SendMessageRequest,
  SendMessageResult,
  SetPresenceRequest,
  TransferRequest,
  TypingRequest,
  WarmTransferRequest,
} from "./dtos";
import type { ConversationEvents } from "./events";
import type { HubMethod } from "./hub";

export const agentHubPath = "/hubs/agent";

/** Methods a staff connection invokes. */
export interface AgentHubMethods {
  /** Keeps this connection counted as live; consoles call it every 20 seconds. */
  Heartbeat: HubMethod<[], void>;
  GetPresence: HubMethod<[], PresenceDto>;
  SetPresence: HubMethod<[request: SetPresenceRequest], PresenceDto>;
  /** Supervisors only. */
  GetTeamPresence: HubMethod<[], PresenceDto[]>;
  AcceptOffer: HubMethod<[request: ConversationRequest], ResumeResult>;
  DeclineOffer: HubMethod<[request: ConversationRequest], void>;
  Escalate: HubMethod<[request: EscalateRequest], void>;
  Transfer: HubMethod<[request: TransferRequest], void>;
  /** Supervisors only. */
  Reassign: HubMethod<[request: ReassignRequest], void>;
  /** The oldest waiting conversations of every level (a page each), oldest first. */
  GetQueue: HubMethod<[], QueueItemDto[]>;
  /** One level's waiting conversations, oldest first, from `skip`. */
  GetQueuePage: HubMethod<[request: QueuePageRequest], QueuePageDto>;
  /** Supervisors only: waiting conversations grouped by the address they were started from. */
  GetFloods: HubMethod<[], FloodDto[]>;
  /** Supervisors only: ends every waiting conversation started from one address. */
  PurgeFlood: HubMethod<[request: PurgeFloodRequest], PurgeFloodResult>;
  GetMyConversations: HubMethod<[], ConversationDto[]>;
  Claim: HubMethod<[request: ConversationRequest], ResumeResult>;
  Open: HubMethod<[request: ConversationRequest], ResumeResult>;
  Resume: HubMethod<[request: ResumeRequest], ResumeResult>;
  Send: HubMethod<[request: SendMessageRequest], SendMessageResult>;
  AddNote: HubMethod<[request: SendMessageRequest], SendMessageResult>;
  Typing: HubMethod<[request: TypingRequest], void>;
  MarkRead: HubMethod<[request: MarkReadRequest], void>;
  Resolve: HubMethod<[request: ResolveRequest], void>;
  Reopen: HubMethod<[request: ConversationRequest], ResumeResult>;
  HoldCall: HubMethod<[request: HoldCallRequest], void>;
  HangUpCall: HubMethod<[request: ConversationRequest], void>;
  WarmTransfer: HubMethod<[request: WarmTransferRequest], void>;
  CompleteWarmTransfer: HubMethod<[request: WarmTransferRequest], void>;
  CancelWarmTransfer: HubMethod<[request: WarmTransferRequest], void>;
}

/** Events the server sends to staff connections: event name → payload. */
export interface AgentClientEvents extends ConversationEvents {
  ConversationQueued: QueueItemDto;
  ConversationDequeued: ConversationRequest;
  /** The router offers this agent a conversation until the deadline. */
  OfferReceived: OfferDto;
  /** An offer ended without being accepted here (expired, taken elsewhere, withdrawn). */
  OfferWithdrawn: ConversationRequest;
  PresenceChanged: PresenceChangedDto;
}
