import { api, ok } from './api/client.js';

/** The signed-in user's own agency, its name and zone: the office's days and times are in that zone. */
export async function ownAgency() {
  return (await ok(api.GET('/api/v1/users/me'))).agency;
}
