import { SymphonyError } from "../errors/symphony-error.ts";
import type { ConfigReader } from "./config-reader.ts";

/** A DNS name (labels of letters, digits, `-`, `_`), an IPv4 address, or an IPv6 one in brackets. */
const HOST_NAME =
  /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/;

/**
 * Reads a `host` key and refuses what is not a bare host name. A URL (`https://pod.example.com`) or a
 * host with its port (`pod:8443`) would otherwise pass, build an invalid URL on the first call, and be
 * retried as a network error for minutes: it fails here instead, saying which key the part belongs in.
 * `section` is the key's section ("" for the top level, "pod", "proxy"…), so the advice names the
 * sibling key (`pod.scheme`, `pod.port`, `pod.context`).
 */
export function readHost(reader: ConfigReader, section: string): string | undefined {
  const keyPath = section === "" ? "host" : `${section}.host`;
  const host = reader.optionalString(keyPath);
  if (host === undefined) return undefined;
  const sibling = (leaf: string) => (section === "" ? leaf : `${section}.${leaf}`);
  const problem = hostProblem(host.trim(), sibling);
  if (problem === undefined) return host.trim();
  return failWith(reader, keyPath, problem);
}

function hostProblem(host: string, sibling: (leaf: string) => string): string | undefined {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(host)) {
    if (sibling("host").endsWith("proxy.host")) {
      return `not a URL: the proxy is spoken to in HTTP; put its port in ${sibling("port")}`;
    }
    return `not a URL: put the scheme in ${sibling("scheme")}, the port in ${sibling("port")} and any path in ${sibling("context")}`;
  }
  if (IPV6.test(host) || HOST_NAME.test(host)) return undefined;
  if (/^[^/:]+:\d*$/.test(host)) return `without its port: put the port in ${sibling("port")}`;
  if (host.includes("/")) return `without a path: put the path in ${sibling("context")}`;
  if (/^[0-9A-Fa-f:]+$/.test(host) && host.includes("::")) return "an IPv6 address in brackets, e.g. [::1]";
  return "made of letters, digits, dots and dashes only";
}

function failWith(reader: ConfigReader, keyPath: string, problem: string): never {
  const value = reader.value(keyPath);
  throw new SymphonyError(
    "CONFIG_INVALID_VALUE",
    `${keyPath} must be a host name like "pod.example.com", ${problem} — found ${JSON.stringify(value)} (${reader.source(keyPath)}).`,
  );
}
