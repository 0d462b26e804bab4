import { rootCertificates } from "node:tls";
import { Agent, type Dispatcher, ProxyAgent } from "undici";
import {
  DEFAULT_CONNECTION_TIMEOUT_MILLIS,
  DEFAULT_READ_TIMEOUT_MILLIS,
  type ServiceConfig,
  type ServiceName,
  type SymphonyConfig,
} from "../config/config-types.ts";
import { markingUnsent } from "./unsent-request.ts";

/** TLS options handed to `tls.connect` through undici. */
interface TlsOptions {
  ca?: string[];
  cert?: Buffer;
  key?: Buffer;
  pfx?: Buffer;
  passphrase?: string;
  /** Connect timeout, ms (TCP and TLS handshake). */
  timeout?: number;
}

/**
 * One undici dispatcher per service: the trust store applies everywhere; the bot's client certificate
 * (certificate authentication) only on the two services that authenticate with it; each service's
 * own proxy, if any. Each tells a request that failed before it was sent (`UnsentRequestError`).
 */
export class Dispatchers {
  /** The agent of each service (closed here) and the same with `markingUnsent` (calls go through it). */
  private readonly byService = new Map<ServiceName, { agent: Dispatcher; calls: Dispatcher }>();

  constructor(private readonly config: SymphonyConfig) {}

  for(service: ServiceName): Dispatcher {
    let dispatcher = this.byService.get(service);
    if (!dispatcher) {
      const agent = this.create(service, this.config.services[service]);
      dispatcher = { agent, calls: agent.compose(markingUnsent) };
      this.byService.set(service, dispatcher);
    }
    return dispatcher.calls;
  }

  async close(): Promise<void> {
    const all = [...this.byService.values()];
    this.byService.clear();
    await Promise.all(all.map(({ agent }) => agent.close()));
  }

  private create(service: ServiceName, settings: ServiceConfig): Dispatcher {
    // The BDK's connectionTimeout covers opening the connection, TLS included (undici's connect
    // timeout ends at the handshake); its readTimeout is a socket read timeout: how long the server
    // may stay silent, before the headers (headersTimeout) and between body chunks (bodyTimeout).
    const timeout = settings.connectionTimeoutMillis ?? DEFAULT_CONNECTION_TIMEOUT_MILLIS;
    const read = settings.readTimeoutMillis ?? DEFAULT_READ_TIMEOUT_MILLIS;
    const silence = { headersTimeout: read, bodyTimeout: read };
    const tls = { ...this.tlsOptions(service), timeout };
    if (settings.proxy) {
      const { host, port, username, password } = settings.proxy;
      const token =
        username === undefined
          ? undefined
          : `Basic ${Buffer.from(`${username}:${password ?? ""}`).toString("base64")}`;
      return new ProxyAgent({
        uri: `http://${host}:${port}`,
        ...(token ? { token } : {}),
        proxyTls: { timeout },
        requestTls: tls,
        ...silence,
      });
    }
    return new Agent({ connect: tls, ...silence });
  }

  private tlsOptions(service: ServiceName): TlsOptions {
    const options: TlsOptions = {};
    if (this.config.trustedCertificates) options.ca = [...rootCertificates, this.config.trustedCertificates];
    const auth = this.config.bot.auth;
    if (auth.kind === "certificate" && (service === "sessionAuth" || service === "keyManager")) {
      const bytes = Buffer.from(auth.certificate);
      if (auth.format === "pem") {
        options.cert = bytes;
        options.key = bytes;
      } else {
        options.pfx = bytes;
      }
      if (auth.password !== undefined) options.passphrase = auth.password;
    }
    return options;
  }
}
