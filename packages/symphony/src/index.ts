// Public API of @sprig/symphony: everything exported from here, nothing else.

// The adapter: `symphony(bot, { config })`, its platform, history and conversations.
export {
  type OnceMessage,
  OnceSender,
  type OnceSenderOptions,
  SEND_ID_KEY,
  SEND_ID_TYPE,
  type SendPlan,
  sendIdOf,
  withSendId,
} from "./adapter/once-sender.ts";
export { sendIdFor } from "./adapter/send-id.ts";
export { SentMessages } from "./adapter/sent-messages.ts";
export { type SymphonyBot, type SymphonyOptions, symphony } from "./adapter/symphony-bot.ts";
export { SymphonyPlatform, type SymphonyPlatformParts } from "./adapter/symphony-platform.ts";
export { AuthSession, type AuthSessionOptions } from "./auth/auth-session.ts";
export type { BotAuthenticator } from "./auth/bot-authenticator.ts";
export { BOT_JWT_LIFETIME_SECONDS, createBotJwt } from "./auth/bot-jwt.ts";
export { CertificateAuthenticator } from "./auth/certificate-authenticator.ts";
export {
  ExtensionAppAuthenticator,
  type ExtensionAppTokens,
} from "./auth/extension-app-authenticator.ts";
export { AppSession, OboSession, type OboUser } from "./auth/obo-session.ts";
export { RsaAuthenticator } from "./auth/rsa-authenticator.ts";
export { agentVersionAllowsSkd, sessionTokenAllowsSkd } from "./auth/simplified-key-delivery.ts";
export { type UserClaim, verifyUserJwt } from "./auth/user-jwt.ts";
export {
  type AppConfig,
  type CertificateBotAuth,
  DEFAULT_DATAFEED_RETRY,
  DEFAULT_RETRY,
  type ProxyConfig,
  type RedisSettings,
  type RetryConfig,
  type RsaBotAuth,
  type ServiceConfig,
  type ServiceName,
  type SymphonyConfig,
} from "./config/config-types.ts";
export { CONFIG_ENV_VARIABLES, envVariableFor } from "./config/env-overrides.ts";
export { type LoadConfigOptions, loadConfig, parseConfig } from "./config/load-config.ts";
export { type ResolveConfigOptions, resolveConfig } from "./config/resolve-config.ts";
export { OboConnection } from "./connection/obo-connection.ts";
export { SymphonyConnection, type SymphonyConnectionOptions } from "./connection/symphony-connection.ts";
export {
  type ConnectionOptions,
  type ConnectionPolicy,
  type ConnectionRequest,
  connectionRequestHandler,
} from "./connections/connection-requests.ts";
export { ImStreams } from "./conversations/im-streams.ts";
export {
  SymphonyConversations,
  type SymphonyConversationsOptions,
} from "./conversations/symphony-conversations.ts";
export { userFromPod } from "./conversations/symphony-users.ts";
export type { DatafeedLoop, DatafeedLoopOptions, EventsHandler } from "./datafeed/datafeed-loop.ts";
export { DatafeedV1Loop } from "./datafeed/datafeed-v1-loop.ts";
export { DatafeedV2Loop } from "./datafeed/datafeed-v2-loop.ts";
export { DatahoseLoop, type DatahoseLoopOptions } from "./datafeed/datahose-loop.ts";
export { isOwnMessage } from "./datafeed/own-events.ts";
export { isSymphonyError, SymphonyError, type SymphonyErrorCode } from "./errors/symphony-error.ts";
export { type BatchHandlerOptions, createBatchHandler } from "./events/batch-handler.ts";
export { EventMapper, type EventMapperOptions, formMessageIdOf } from "./events/event-to-action.ts";
export { type StreamKind, StreamTypeCache, type StreamTypeLookup } from "./events/stream-types.ts";
export { SYMPHONY_PLATFORM, toSprigUser } from "./events/symphony-user.ts";
export { treeToContent } from "./events/tree-to-content.ts";
export { SearchWindow, SearchWindows, type SearchWindowsOptions } from "./history/search-windows.ts";
export { type StoredMessage, storedMessage } from "./history/stored-message.ts";
export { SymphonyHistory, type SymphonyHistoryOptions } from "./history/symphony-history.ts";
export { backoffDelay, parseRetryAfter } from "./http/backoff.ts";
export { type Clock, systemClock } from "./http/clock.ts";
export {
  CONNECTION_FAILURE_CODES,
  type ConnectionFailureCode,
  connectionFailure,
  isConnectionFailure,
} from "./http/connection-failure.ts";
export { SymphonyHttpError } from "./http/http-error.ts";
export { type AuthMode, RestClient, type RestClientOptions, type RestRequest } from "./http/rest-client.ts";
export type { SessionTokens, TokenProvider } from "./http/session-tokens.ts";
export { createLogger, type Logger, type LoggerOptions, silentLogger } from "./logging/logger.ts";
export { SecretRegistry } from "./logging/secret-registry.ts";
export { BotMetrics } from "./operations/bot-metrics.ts";
export type { HealthEndpoint, HealthOptions } from "./operations/health-server.ts";
// Rendering: responses → MessageML + EntityJSON (+ attachments) for the agent.
export { contentMarkup, messageToMessageML } from "./render/content-to-messageml.ts";
export type { FieldRenderer, FieldRenderers, FieldTemplateContext } from "./render/field-renderers.ts";
export {
  checkMessageLimits,
  MAX_MESSAGE_BYTES,
  MAX_MESSAGE_TEXT,
  splitForLimits,
} from "./render/message-limits.ts";
export { type RecoveredForm, recoverFormFromMessage, recoverWorkFromMessage } from "./render/recover-work.ts";
export { RenderError, type RenderErrorCode } from "./render/render-error.ts";
export type { RenderedAttachment, RenderedMessage } from "./render/rendered-message.ts";
export { SymphonyRenderer, type SymphonyRendererOptions } from "./render/symphony-renderer.ts";
export { generatedTemplate, type TemplateCommand, templateCommand } from "./render/template-command.ts";
export { WORK_DATA_KEY, workData } from "./render/work-data.ts";
export { generateWorkTemplate, type WorkTemplateOptions } from "./render/work-template.ts";
export { AgentHealthApi } from "./rest/agent-health-api.ts";
export { type ConnectionStatus, ConnectionsApi, type UserConnection } from "./rest/connections-api.ts";
export { DatafeedApi, type DatahoseFeed } from "./rest/datafeed-api.ts";
export {
  type ListMessagesOptions,
  MessagesApi,
  type MessageUpdate,
  type OutgoingAttachment,
  type OutgoingMessage,
  type SendOptions,
} from "./rest/messages-api.ts";
export { PresenceApi, type PresenceCategory } from "./rest/presence-api.ts";
export { SessionApi } from "./rest/session-api.ts";
export { SignalsApi } from "./rest/signals-api.ts";
export { toStandardId, toUrlSafeId } from "./rest/stream-id.ts";
export { type MembershipChange, StreamsApi } from "./rest/streams-api.ts";
export { type UserLookup, UsersApi } from "./rest/users-api.ts";
export type * from "./rest/wire-types.ts";
