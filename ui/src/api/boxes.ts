/** The IT console's view of every box of the school (Art. 16.3). */
import { http } from './client.js';
import type { PairBoxBody, PairingCodeReply, SchoolBoxView } from '../../../server/src/contracts/school-boxes.schema.js';

export type { SchoolBoxView, PairingCodeReply };

export const boxesApi = {
  list: () => http.get<SchoolBoxView[]>('/api/boxes'),
  pairingCode: () => http.get<PairingCodeReply>('/api/boxes/pairing-code'),
  rotatePairingCode: () => http.post<PairingCodeReply>('/api/boxes/pairing-code/rotate'),
  pair: (body: PairBoxBody) => http.post<SchoolBoxView>('/api/boxes', body),
  unpair: (id: number) => http.del<{ ok: true }>(`/api/boxes/${id}`),
  restartKiosk: (id: number) => http.post<{ ok: true }>(`/api/boxes/${id}/kiosk/restart`),
  restartMedia: (id: number) => http.post<{ ok: true; restarted: boolean }>(`/api/boxes/${id}/media/restart`),
  logsUrl: (id: number) => `/api/boxes/${id}/logs`,
};
