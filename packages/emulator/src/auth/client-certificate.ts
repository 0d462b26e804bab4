import { createPublicKey, type X509Certificate } from "node:crypto";
import type { TLSSocket } from "node:tls";
import { ApiError } from "../http/api-error.ts";
import type { PodStore } from "../store/pod-store.ts";
import type { UserRecord } from "../store/records.ts";

/**
 * Certificate authentication: the client certificate's common name is the username, and its public key
 * must be the one registered for that account (TLS has already proved the client holds the private key).
 */
export function userForClientCertificate(socket: TLSSocket, store: PodStore): UserRecord {
  // 403 as the contract has it: "Certificate authentication is not allowed for the requested user".
  const fail = (message: string) => new ApiError(403, message, "AUTHENTICATION_FAILED");
  if (typeof socket.getPeerX509Certificate !== "function") {
    throw fail(
      "Certificate authentication needs mutual TLS: start the emulator with --tls and present a client certificate",
    );
  }
  const peer: X509Certificate | undefined = socket.getPeerX509Certificate();
  if (!peer) throw fail("No client certificate presented");
  const commonName = /CN=([^\n,]+)/.exec(peer.subject)?.[1]?.trim();
  const user = commonName ? store.userByUsername(commonName) : undefined;
  if (!user) throw fail(`No account for certificate common name ${JSON.stringify(commonName)}`);
  if (!user.publicKey) throw fail(`No public key registered for ${user.username}`);
  const registered = createPublicKey(user.publicKey).export({ type: "spki", format: "der" });
  const presented = peer.publicKey.export({ type: "spki", format: "der" });
  if (!registered.equals(presented))
    throw fail(`Certificate key does not match the key registered for ${user.username}`);
  return user;
}
