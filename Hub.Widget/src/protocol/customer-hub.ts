// The customer hub, /hubs/customer (Hub.Server's CustomerHub and ICustomerClient).
import type {
  AgentsUnavailableDto,
  ConversationDto,
  ConversationRequest,
  LeaveMessageRequest,
  LeaveMessageResult,
  MarkReadRequest,
  QueuePositionDto,
  RateConversationRequest,
  ResumeRequest,
  ResumeResult,
  SendMessageRequest,
  SendMessageResult,
  StartConversationRequest,
  StartConversationResult,
  TypingRequest,
} from "./dtos";
import type { ConversationEvents } from "./events";
import type { HubMethod } from "./hub";

export const customerHubPath = "/hubs/customer";

/** Methods a customer connection invokes. */
export interface CustomerHubMethods {
  StartConversation: HubMethod<[request: StartConversationRequest], StartConversationResult>;
  GetConversations: HubMethod<[], ConversationDto[]>;
  Send: HubMethod<[request: SendMessageRequest], SendMessageResult>;
  Typing: HubMethod<[request: TypingRequest], void>;
  MarkRead: HubMethod<[request: MarkReadRequest], void>;
  Resume: HubMethod<[request: ResumeRequest], ResumeResult>;
  End: HubMethod<[request: ConversationRequest], void>;
  Rate: HubMethod<[request: RateConversationRequest], void>;
  LeaveMessage: HubMethod<[request: LeaveMessageRequest], LeaveMessageResult>;
}

/** Events the server sends to customer connections: event name → payload. */
export interface CustomerClientEvents extends ConversationEvents {
  QueuePositionChanged: QueuePositionDto;
  /** Nobody can take the conversation now: offer the customer to leave a message. */
  AgentsUnavailable: AgentsUnavailableDto;
}
