/** The staff API keys API: list, create (the key is in this answer only), revoke. */
import { api } from "../../../api/client";
import type { ApiKey, ApiKeyList, ApiKeyRequest, CreatedApiKey, RevokedApiKey } from "../../../api/schema";

export function listApiKeys(): Promise<ApiKey[]> {
  return api<ApiKeyList>("/api/staff/api-keys/").then((body) => body.api_keys);
}

export function createApiKey(label: string, event: string, requestsPerMinute: number): Promise<CreatedApiKey> {
  const body: ApiKeyRequest = { label, event, requests_per_minute: requestsPerMinute };
  return api<CreatedApiKey>("/api/staff/api-keys/", { body });
}

export async function revokeApiKey(id: number): Promise<ApiKey> {
  const { ok: _ok, ...key } = await api<RevokedApiKey>(`/api/staff/api-keys/${id}/revoke/`, {
    method: "POST",
    body: {},
  });
  return key;
}
