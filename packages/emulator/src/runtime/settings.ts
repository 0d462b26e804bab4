import type { DatafeedSettings } from "../datafeed/datafeed-settings.ts";

export interface EmulatorSettings {
  /** Session and key-manager token lifetime. */
  sessionTtlMs: number;
  datafeed: DatafeedSettings;
  /** Largest JSON request body. */
  maxJsonBodyBytes: number;
  /** Largest multipart message request (message + data + attachments). */
  maxMultipartBodyBytes: number;
  /** The agent's limit on message + data: 1.5 MB. */
  maxMessageContentBytes: number;
  /** The agent's limit on the files of one message: 25 MB together. */
  maxAttachmentBytes: number;
}
