/**
 * The request checker itself: each kind of mistake a client can make against the contract is
 * reported, with a message that names it; a well-formed request is not. Without these, a checker
 * that found nothing would look the same as an adapter that did nothing wrong.
 */
import { hasShared } from "@sprig/shared-data";
import { describe, expect, it } from "vitest";
import { encodeMultipart } from "../../src/http/multipart-body.ts";
import { messageForm } from "../../src/rest/messages-api.ts";
import { multipartFields } from "./multipart-fields.ts";
import { proseFindings } from "./prose-rules.ts";
import { type CapturedRequest, checkRequest } from "./request-check.ts";

type Headers = CapturedRequest["headers"];
const POD: Headers = [
  ["accept", "application/json"],
  ["sessionToken", "s"],
];
const AGENT: Headers = [...POD, ["keyManagerToken", "k"]];

function json(method: string, path: string, body: unknown, headers: Headers = POD): CapturedRequest {
  return {
    method,
    path,
    headers: [...headers, ["content-type", "application/json"]],
    body: Buffer.from(JSON.stringify(body)),
  };
}

function multipart(path: string, parts: Parameters<typeof encodeMultipart>[0]): CapturedRequest {
  const form = encodeMultipart(parts);
  return { method: "POST", path, headers: [...AGENT, ["content-type", form.contentType]], body: form.bytes };
}

const errorsOf = (request: CapturedRequest) => checkRequest(request).errors;

describe.skipIf(!hasShared())("the request checker", () => {
  it("passes well-formed requests and names their operation", () => {
    const list = checkRequest(
      json("POST", "/pod/v1/streams/list?skip=0&limit=50", { streamTypes: [{ type: "ROOM" }] }),
    );
    expect(list).toMatchObject({ operation: "POST /pod/v1/streams/list", matched: true, errors: [] });
    const send = checkRequest(
      multipart("/agent/v4/stream/abc_-1/message/create", [
        { name: "message", value: "<messageML>hi</messageML>" },
        { name: "data", value: "{}" },
        { name: "attachment", content: new Uint8Array([1, 2]), filename: "a.bin", contentType: "x/y" },
      ]),
    );
    expect(send).toMatchObject({ operation: "POST /agent/v4/stream/{sid}/message/create", errors: [] });
    const search = checkRequest({ method: "GET", path: "/agent/v1/message/search?query=x", headers: AGENT });
    expect(search.operation).toBe("GET /agent/v1/message/search"); // not /v1/message/{id}
  });

  it("reports a path or method the contract does not have", () => {
    expect(errorsOf({ method: "GET", path: "/pod/v1/stream/list", headers: POD })).toEqual([
      expect.stringMatching(/GET \/pod\/v1\/stream\/list: no such path in .*pod-api-public\.yaml/),
    ]);
    expect(errorsOf({ method: "GET", path: "/pod/v1/streams/list", headers: POD })).toEqual([
      "GET /pod/v1/streams/list: the contract has this path only for POST",
    ]);
    expect(errorsOf({ method: "GET", path: "/elsewhere/v1/x", headers: POD })[0]).toMatch(
      /no contract file serves \/elsewhere\/v1\/x/,
    );
  });

  it("reports a missing or empty required header, not a missing optional one", () => {
    expect(errorsOf({ method: "GET", path: "/pod/v2/sessioninfo", headers: [] })).toEqual([
      'required header "sessionToken" is missing',
    ]);
    expect(errorsOf({ method: "GET", path: "/pod/v2/sessioninfo", headers: [["SESSIONTOKEN", ""]] })).toEqual(
      ['required header "sessionToken" is empty'],
    );
    // keyManagerToken is optional in the agent's contract (simplified key delivery).
    expect(errorsOf({ method: "GET", path: "/agent/v1/message/abc", headers: POD })).toEqual([]);
    // …and the pod's operations do not take it, nor does a login take a session token.
    expect(errorsOf({ method: "GET", path: "/pod/v2/sessioninfo", headers: AGENT })).toEqual([
      'header "keyManagerToken" is not in the contract for this operation',
    ]);
    expect(errorsOf(json("POST", "/login/pubkey/authenticate", { token: "jwt" }))).toEqual([
      'header "sessionToken" is not in the contract for this operation',
    ]);
  });

  it("reports an Accept header that admits none of the operation's answers", () => {
    const path = "/agent/v1/stream/s/attachment?fileId=f&messageId=m";
    const asking = (accept: string) =>
      errorsOf({ method: "GET", path, headers: [...AGENT.slice(1), ["accept", accept]] });
    expect(asking("application/json")).toEqual([
      'accept "application/json" admits none of the operation\'s answers (application/octet-stream): 406 on a strict server',
    ]);
    expect(asking("application/octet-stream")).toEqual([]);
    expect(asking("application/*;q=0.9, application/json")).toEqual([]);
  });

  it("reports query parameters that are missing, mistyped or unknown", () => {
    const path = "/agent/v4/stream/abc/message";
    expect(errorsOf({ method: "GET", path, headers: AGENT })).toEqual([
      'required query parameter "since" is missing',
    ]);
    expect(errorsOf({ method: "GET", path: `${path}?since=yesterday&limit=1.5`, headers: AGENT })).toEqual([
      'query parameter "since": "yesterday" is not an integer',
      'query parameter "limit": "1.5" is not an integer',
    ]);
    expect(errorsOf({ method: "GET", path: `${path}?since=0&count=3`, headers: AGENT })).toEqual([
      'query parameter "count" is not in the contract (it would be ignored)',
    ]);
    expect(errorsOf({ method: "GET", path: "/pod/v3/users?uid=1&local=yes", headers: POD })).toEqual([
      'query parameter "local": "yes" is not true or false',
    ]);
  });

  it("reports JSON bodies that break their schema", () => {
    expect(errorsOf(json("POST", "/pod/v1/streams/list", { streamTypes: [{ type: "CHAT" }] }))).toEqual([
      'body $.streamTypes[0].type: "CHAT" is not one of ["IM","MIM","ROOM","POST"]',
    ]);
    expect(errorsOf(json("POST", "/pod/v1/im/create", ["1001"]))).toEqual([
      "body $[0]: expected integer, got string",
    ]);
    // RoomSearchCriteria (through allOf) requires "query".
    expect(errorsOf(json("POST", "/pod/v3/room/search", { active: true }))).toEqual([
      'body $: missing required "query"',
    ]);
    expect(errorsOf(json("POST", "/pod/v1/room/abc/membership/add", { id: null }))).toEqual([
      "body $.id: null (the contract has no nullable field: omit it instead)",
    ]);
    expect(errorsOf(json("POST", "/agent/v5/datafeeds", { tag: "x".repeat(101) }, AGENT))).toEqual([
      "body $.tag: 101 characters, more than maxLength 100",
    ]);
  });

  it("notes JSON properties the schema does not name, apart from the errors", () => {
    const check = checkRequest(json("POST", "/agent/v5/datafeeds/f1/read", { ackid: "" }, AGENT));
    expect(check.errors).toEqual([]);
    expect(check.undeclared).toEqual(["body $.ackid"]);
  });

  it("reports a missing body, a body where none is taken, and the wrong content type", () => {
    expect(errorsOf({ method: "POST", path: "/pod/v1/im/create", headers: POD })).toEqual([
      "the request body is required (application/json)",
    ]);
    expect(errorsOf(json("POST", "/sessionauth/v1/authenticate", {}, []))).toEqual([
      "a body is sent (application/json) but the operation takes none",
    ]);
    expect(errorsOf(json("POST", "/agent/v4/stream/abc/message/create", { message: "hi" }, AGENT))).toEqual([
      "content-type application/json is not one the operation takes (multipart/form-data)",
    ]);
  });

  it("reports multipart fields the contract does not name, and files sent as text or text as files", () => {
    const create = "/agent/v4/stream/abc/message/create";
    expect(
      errorsOf(
        multipart(create, [
          { name: "message", value: "m" },
          { name: "silent", value: "true" },
        ]),
      ),
    ).toEqual([
      'multipart field "silent" is not in the contract (it takes message, data, version, attachment, preview)',
    ]);
    // …which the update does take.
    expect(
      errorsOf(multipart(`${create.replace("create", "m1/update")}`, [{ name: "silent", value: "true" }])),
    ).toEqual([]);
    expect(errorsOf(multipart(create, [{ name: "attachment", value: "bytes" }]))).toEqual([
      'multipart field "attachment" is a file in the contract: it needs a filename',
    ]);
    expect(
      errorsOf(
        multipart(create, [
          { name: "data", content: new Uint8Array(1), filename: "d.json", contentType: "a/b" },
        ]),
      ),
    ).toEqual(['multipart field "data" is text in the contract, sent as a file']);
    const broken = { ...multipart(create, [{ name: "message", value: "m" }]), body: Buffer.from("--x\r\n") };
    expect(errorsOf(broken)[0]).toMatch(/^multipart body: /);
  });

  it("reads the adapter's message form back as the fields it meant", () => {
    const form = messageForm({
      message: "hello",
      data: { a: 1 },
      attachments: [
        { name: 'quote".txt', content: new TextEncoder().encode("x\r\n--y"), contentType: "text/plain" },
      ],
    });
    const fields = multipartFields(form.contentType, form.bytes);
    expect(fields.map((f) => [f.name, f.filename])).toEqual([
      ["message", undefined],
      ["data", undefined],
      ["version", undefined],
      ["attachment", "quote%22.txt"],
    ]);
    expect(fields[0]!.value).toBe("<messageML>hello</messageML>");
    expect(fields[3]!.value).toBe("x\r\n--y");
  });

  it("reports what the contract says only in prose: one search list of at most 100, limits, message fields", () => {
    const users = (query: string) =>
      proseFindings("GET /pod/v3/users", { method: "GET", path: `/pod/v3/users?${query}`, headers: POD });
    expect(users("uid=1,2&local=false")).toEqual([]);
    expect(users("uid=1&email=a@b.c")[0]).toMatch(
      /^GET \/pod\/v3\/users: 2 search lists \(uid, email\) — the contract says/,
    );
    expect(users(`uid=${Array.from({ length: 101 }, (_, i) => i).join(",")}`)[0]).toMatch(
      /101 elements in uid/,
    );
    expect(users("uid=1,bob")[0]).toMatch(/uid holds a non-decimal id/);
    const list = "GET /agent/v4/stream/{sid}/message";
    expect(
      proseFindings(list, {
        method: "GET",
        path: "/agent/v4/stream/s/message?since=0&limit=501",
        headers: AGENT,
      })[0],
    ).toMatch(/limit=501 is more than 500/);
    const create = "POST /agent/v4/stream/{sid}/message/create";
    const login = (token: string) =>
      proseFindings(
        "POST /login/pubkey/authenticate",
        json("POST", "/login/pubkey/authenticate", { token }, []),
      );
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    expect(login(`${part({ alg: "RS512" })}.${part({ sub: "sprig", exp: 1 })}.c2ln`)).toEqual([]);
    expect(login("not-a-jwt")[0]).toMatch(/token is not a signed JWT/);
    expect(login(`${part({ alg: "HS256" })}.${part({ sub: "sprig", exp: 1 })}.c2ln`)[0]).toMatch(
      /alg HS256 is not RSA/,
    );
    expect(login(`${part({ alg: "RS512" })}.${part({ exp: 1 })}.c2ln`)[0]).toMatch(/names no caller/);
    const send = (parts: Parameters<typeof encodeMultipart>[0]) =>
      proseFindings(create, multipart("/agent/v4/stream/s/message/create", parts));
    expect(
      send([
        { name: "message", value: "<messageML>hi</messageML>" },
        { name: "data", value: '{"a":{}}' },
      ]),
    ).toEqual([]);
    expect(send([{ name: "message", value: "hi" }])[0]).toMatch(/no "message" field holding <messageML>/);
    expect(
      send([
        { name: "message", value: "<messageML/>" },
        { name: "data", value: "[1]" },
      ])[0],
    ).toMatch(/"data" is not an EntityJSON object/);
    expect(
      send([
        { name: "message", value: "<messageML/>" },
        { name: "version", value: "2" },
      ])[0],
    ).toMatch(/version "2" is not major.minor/);
  });

  it("puts silent only in an update's form: the agent's create takes no such field", () => {
    const names = (silent?: boolean) => {
      const form = messageForm({ message: "m" }, silent);
      return multipartFields(form.contentType, form.bytes).map((f) => f.name);
    };
    expect(names()).toEqual(["message", "version"]);
    expect(names(false)).toEqual(["message", "version", "silent"]);
  });
});
