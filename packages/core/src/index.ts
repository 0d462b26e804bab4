// Public API of @sprig/core: everything exported from here, nothing else.

export {
  type AccessDecision,
  type AccessRequest,
  accessRequest,
  byName,
  checkAccess,
  type Restrictions,
  type RoomByName,
  type RoomRef,
} from "./access/restrictions.ts";
export {
  type Action,
  type ActionKind,
  chatOf,
  type EventAction,
  type FormAction,
  type MemberAction,
  type MemberChange,
  type MessageAction,
  type MessageAttachment,
  type OfferedControls,
} from "./actions/actions.ts";
export {
  type Addressable,
  addressableKey,
  Chat,
  sameAddressable,
  User,
} from "./addressables/addressables.ts";
export { Bot, type BotOptions, createBot } from "./bot/bot.ts";
export type {
  ActionOf,
  Awaitable,
  ButtonHandler,
  CommandHandler,
  ConsumerKind,
  EventHandler,
  HandleOutcome,
  HandleStatus,
} from "./bot/handlers.ts";
export { registerWorkType, type WorkTypeRef } from "./bot/work-type-ref.ts";
export {
  type Block,
  type BlockQuote,
  blockQuote,
  type Card,
  type CardAccent,
  type CardParts,
  type CashTag,
  type CodeBlock,
  type Content,
  type ContentKind,
  type ContentLike,
  card,
  cashTag,
  codeBlock,
  type HashTag,
  type Heading,
  hashTag,
  heading,
  type Image,
  type Inline,
  image,
  isContent,
  isInline,
  type Link,
  link,
  type Mention,
  type Message,
  mention,
  message,
  type OrderedList,
  orderedList,
  type Paragraph,
  paragraph,
  type Table,
  table,
  type UnorderedList,
  unorderedList,
  type Word,
  word,
  words,
} from "./content/content.ts";
export { toPlainText } from "./content/plain-text.ts";
export { childrenOf, findAll, inlineTokens, walk } from "./content/walk.ts";
export type { BaseContext, ButtonContext, CommandContext, EventContext } from "./context/context.ts";
export type { Conversations } from "./context/conversations.ts";
export { currentAction, currentAttempt, runWithAction, runWithAttempt } from "./context/current-action.ts";
export {
  type History,
  type HistoryOptions,
  type HistoryPage,
  type HistoryQuery,
  type HistoryRecord,
  type HistoryStore,
  historyOver,
} from "./context/history.ts";
export {
  type CachedWork,
  type HistoryCache,
  isNewer,
  MemoryHistoryCache,
  type MemoryHistoryCacheOptions,
} from "./context/history-cache.ts";
export { latestOfEach, type ReadAllOptions, readAll } from "./context/history-reading.ts";
export { consoleLogger, type LogFn, type Logger, silentLogger } from "./context/logger.ts";
export { button, type ControllerRegistration, command, on } from "./decorators/decorators.ts";
export { type ActionAttempt, newAttempt } from "./dispatch/action-attempt.ts";
export {
  type ConversationOrder,
  localConversationOrder,
  type OrderPlace,
  type OrderTicket,
  orderPlaceOf,
} from "./dispatch/conversation-order.ts";
export { ConversationQueue } from "./dispatch/conversation-queue.ts";
export {
  type Claim,
  claimKeys,
  completeKeys,
  DEFAULT_LEASE_MS,
  type DedupeStore,
  isRefused,
  MemoryDedupeStore,
  type MemoryDedupeStoreOptions,
  type Refusal,
} from "./dispatch/dedupe.ts";
export {
  DELIVERY_FAILED,
  DeliveryError,
  HELD_ELSEWHERE,
  HeldElsewhereError,
  isDeliveryError,
  isHeldElsewhere,
  UNDELIVERABLE,
  UndeliverableError,
} from "./dispatch/delivery-error.ts";
export { type ActionIds, dedupeKeys, keysOf, runOnce } from "./dispatch/exactly-once.ts";
export { errorResponse } from "./errors/error-response.ts";
export { ErrorCode, errorCodeOf, isUserError, SprigError, UserError } from "./errors/errors.ts";
// Work types and the form model (owned by the forms side of core).
export * from "./forms/index.ts";
export { HELP_FORM_ID, usageOf } from "./help/help.ts";
export type { PlatformAdapter } from "./platform/adapter.ts";
export { BUTTONS_PRIORITY, buttonsResponseHandler } from "./responses/buttons-handler.ts";
export {
  type AttachmentReply,
  attachment,
  draft,
  type ErrorReply,
  edit,
  errorReply,
  isReply,
  type MessageReply,
  type Reply,
  reply,
  view,
  type WorkReply,
  type WorkReplyOptions,
} from "./responses/replies.ts";
export {
  ResponseChain,
  type ResponseContext,
  type ResponseHandler,
  type ResponseHandlerResult,
} from "./responses/response-chain.ts";
export type {
  AttachmentResponse,
  ButtonView,
  ErrorResponse,
  MessageResponse,
  Response,
  ResponseKind,
  WorkMode,
  WorkResponse,
} from "./responses/responses.ts";
export { type HandlerResult, toResponses } from "./responses/to-responses.ts";
export { type AddressingRule, defaultAddressing, spokenTo } from "./routing/addressing.ts";
export { type Button, type ButtonOptions, ButtonRegistry, type ShowWhen } from "./routing/buttons.ts";
export { type CommandEntry, type CommandOptions, CommandRegistry } from "./routing/commands.ts";
export { matchPattern } from "./routing/match.ts";
export { type Pattern, type PatternElement, parsePattern } from "./routing/pattern.ts";
export type { VariableKind, VariableKinds, Vars } from "./routing/pattern-types.ts";
export * from "./work/index.ts";
